//! One module per page.

pub mod access_rules;
pub mod administration;
pub mod change_password;
pub mod clients;
pub mod confirm;
pub mod countdown;
pub mod list_search;
pub mod login;
pub mod override_access;
pub mod pager;
pub mod personnel;
pub mod route_id;
pub mod search_picker;
pub mod security_question;
pub mod sessions;
pub mod widgets;
pub mod your_account;
