//! The small pieces every page uses the same way: a form's problem line and
//! field messages, the problem page, the loading fallback, "enabled once
//! hydrated", the handle that asks a page's data again, and the parts the
//! record lists share. A page imports
//! them from here and never writes its own copy.

mod form_problem;
mod hydrated;
mod loading;
mod problem_page;
mod record_list;
mod refresh;

pub use form_problem::{FormProblem, field_error};
pub use hydrated::use_hydrated;
pub use loading::{loading, searching};
pub use problem_page::{NotFoundPage, ProblemPage};
pub use record_list::{NewRecordAction, RestrictedEntry, list_answer};
pub use refresh::Refresh;
