//! Who is asking: passwords, sign-in, sessions and the current personnel.

pub mod attempts;
pub mod client_address;
pub mod cookie;
pub mod current;
pub mod current_password;
pub mod password_change;
pub mod password_hash;
pub mod refusal_pause;
pub mod security_question;
pub mod session;
pub mod sign_in;
pub mod site_secret;
pub mod subject;
pub mod thread_priority;
