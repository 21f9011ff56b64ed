#!/usr/bin/env bash
# Runs the rulebook's criterion benchmark (policy/benches/decision.rs) and
# prints the median and mean of each figure. Targets (README, "Performance"): a view
# decision under 1 µs median, building the list filter under 5 µs.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
cd "$ROOT"

cargo bench -p policy --bench decision -- "$@"
say "Medians (target/criterion/*/new/estimates.json)"
find target/criterion -path '*/new/estimates.json' | sort | while read -r file; do
  name=${file#target/criterion/}
  python3 - "$file" "${name%/new/estimates.json}" <<'PY'
import json, sys
estimates = json.load(open(sys.argv[1]))
print(f"{sys.argv[2]:<52} median {estimates['median']['point_estimate']:9.1f} ns   mean {estimates['mean']['point_estimate']:9.1f} ns")
PY
done
