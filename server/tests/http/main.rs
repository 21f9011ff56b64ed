//! Integration tests over HTTP against the real router (see `support`).

mod access_rules;
mod administration;
mod client_overrides;
mod client_profiles;
mod client_protection;
mod clients;
mod create_admin;
mod pages;
mod password_change;
mod override_log;
mod personnel;
mod security;
mod security_question;
mod sessions;
mod sign_in;
mod support;
