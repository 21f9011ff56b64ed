//! Integration tests over HTTP against the real router (see `support`).

mod access_rules;
mod administration;
mod administration_bounds;
mod case_folding;
mod client_overrides;
mod client_profiles;
mod client_protection;
mod clients;
mod create_admin;
mod hashing_budget;
mod ids;
mod override_log;
mod pages;
mod password_change;
mod personnel;
mod refusal_sweep;
mod refusals;
mod security;
mod security_question;
mod session_records;
mod sessions;
mod sign_in;
mod site_files;
mod stored_codes;
mod support;
mod transport_security;
