//! The override log as CSV: the filtered entries, newest first, one row
//! each, with a header row. Written with the `csv` crate, which quotes
//! reasons that hold commas, quotes or line breaks. A cell that a
//! spreadsheet would take for a formula (it starts with `=`, `+`, `-`, `@`,
//! a tab or a carriage return) is written with a leading `'`, so opening the
//! export never runs what someone typed as a reason.

use crate::error::AppError;
use crate::local_time::utc_iso;
use crate::override_log::OverrideLogEntry;

/// Times are UTC in ISO 8601 with the offset ("2026-11-25T14:03:00+00:00"),
/// as the header says: a file goes to other programs and other zones.
pub const HEADER: [&str; 9] = [
    "When (UTC)",
    "Personnel",
    "Email",
    "Record kind",
    "Record",
    "Reason",
    "Ends (UTC)",
    "Status",
    "Record link",
];

/// The cell as a spreadsheet should show it: text, never a formula.
pub fn as_text(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

pub fn to_csv(entries: &[OverrideLogEntry]) -> Result<String, AppError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let failed = |error: csv::Error| {
        tracing::error!(%error, "writing the override log as CSV");
        AppError::Unavailable
    };
    writer.write_record(HEADER).map_err(failed)?;
    for e in entries {
        writer
            .write_record(
                [
                    utc_iso(e.granted_at).as_str(),
                    &e.personnel_name,
                    &e.personnel_email,
                    &e.record_kind,
                    &e.record_name,
                    &e.reason,
                    utc_iso(e.ends_at).as_str(),
                    if e.running { "running" } else { "ended" },
                    e.record_href.as_deref().unwrap_or(""),
                ]
                .map(|cell| as_text(cell).into_owned()),
            )
            .map_err(failed)?;
    }
    let bytes = writer.into_inner().map_err(|e| failed(e.into_error().into()))?;
    String::from_utf8(bytes).map_err(|_| AppError::Unavailable)
}
