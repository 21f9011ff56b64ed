//! The small pieces every page uses the same way: a form's problem line and
//! field messages, the problem page, the loading fallback, "enabled once
//! hydrated", and the handle that asks a page's data again. A page imports
//! them from here and never writes its own copy.

mod form_problem;
mod hydrated;
mod loading;
mod problem_page;
mod refresh;

pub use form_problem::{FormProblem, field_error};
pub use hydrated::use_hydrated;
pub use loading::{loading, searching};
pub use problem_page::{NotFoundPage, ProblemPage};
pub use refresh::Refresh;
