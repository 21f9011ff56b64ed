#!/usr/bin/env bash
# Fuzzes the rulebook's decision function (policy/fuzz) for the given number
# of seconds (default 60), checking policy::invariants on every input.
# cargo-fuzz needs nightly features; RUSTC_BOOTSTRAP=1 lets stable build it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
ensure_cargo_fuzz
cd "$ROOT/policy/fuzz"
RUSTC_BOOTSTRAP=1 cargo fuzz run decision -- -max_total_time="${1:-60}"
