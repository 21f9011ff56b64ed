//! The checks on "New session": each bad field gets its own message, and
//! nothing is written.

use policy::{ClientId, PersonnelId};
use time::macros::format_description;

use crate::error::{AppError, FieldError};
use crate::sessions::SessionForm;

pub const TITLE_MAX_CHARS: usize = 200;

/// A checked form: the title trimmed, the date a real one, and each
/// facilitator and attendee once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedSession {
    pub title: String,
    pub held_on: String,
    pub facilitators: Vec<PersonnelId>,
    pub attendees: Vec<ClientId>,
}

fn once<T: Ord + Copy>(list: &[T]) -> Vec<T> {
    let mut list = list.to_vec();
    list.sort_unstable();
    list.dedup();
    list
}

/// The checks that need nothing but the form. Whether the facilitators are
/// Active and the attendees are clients the person may open is checked in
/// the transaction that writes the session.
pub fn check(form: &SessionForm) -> Result<CheckedSession, AppError> {
    let mut fields = Vec::new();
    let title = form.title.trim().to_owned();
    if title.is_empty() {
        fields.push(FieldError::new("title", "Enter the session's title."));
    } else if title.chars().count() > TITLE_MAX_CHARS {
        fields.push(FieldError::new(
            "title",
            format!("The title can be at most {TITLE_MAX_CHARS} characters."),
        ));
    }
    let held_on = form.held_on.trim().to_owned();
    match time::Date::parse(&held_on, format_description!("[year]-[month]-[day]")) {
        Ok(date) if date.year() >= 1900 => {}
        _ => fields.push(FieldError::new(
            "held_on",
            "Enter the date of the session, such as 2026-11-25.",
        )),
    }
    if form.facilitators.is_empty() {
        fields.push(FieldError::new(
            "facilitators",
            "Choose at least one facilitator.",
        ));
    }
    if form.attendees.is_empty() {
        fields.push(FieldError::new(
            "attendees",
            "Choose at least one attending client.",
        ));
    }
    if !fields.is_empty() {
        return Err(AppError::invalid(fields));
    }
    Ok(CheckedSession {
        title,
        held_on,
        facilitators: once(&form.facilitators),
        attendees: once(&form.attendees),
    })
}
