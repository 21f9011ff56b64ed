//! Times as staff read them: in the agency's time zone (Site settings, an
//! IANA name such as "Pacific/Auckland"), with the zone's abbreviation, so
//! "Override until 10:27 NZDT" means what the clock on the wall says.
//! Formatted on the server (with `jiff` and its bundled time-zone database),
//! so the browser needs no zone data. Files made for other programs (the
//! override log's CSV) keep UTC, in ISO 8601 with the offset.

use policy::{Reason, Timestamp};

use crate::error::AppError;

/// The agency's time zone, ready to format times in. Read from the
/// database's name only when a time is first formatted, so a request that
/// shows no time pays nothing for it.
#[derive(Debug, Clone)]
pub struct LocalTime {
    name: String,
    zone: std::sync::OnceLock<jiff::tz::TimeZone>,
}

impl LocalTime {
    /// The zone named in Site settings; an empty name means the server's
    /// own zone (UTC when the server has none).
    pub fn named(name: &str) -> Result<LocalTime, AppError> {
        if name.is_empty() {
            return Ok(LocalTime::server());
        }
        jiff::tz::TimeZone::get(name).map(LocalTime::of).map_err(|_| {
            AppError::invalid_field(
                "time_zone",
                "Choose a time zone by its IANA name, such as Europe/London or Pacific/Auckland.",
            )
        })
    }

    /// The zone as stored in Site settings, read when first used. An empty
    /// name, or one that a later time-zone database no longer knows, reads
    /// as the server's zone rather than refusing the page.
    pub fn stored(name: String) -> LocalTime {
        LocalTime {
            name,
            zone: std::sync::OnceLock::new(),
        }
    }

    fn of(zone: jiff::tz::TimeZone) -> LocalTime {
        let local = LocalTime::stored(String::new());
        let _ = local.zone.set(zone);
        local
    }

    /// The server's own zone.
    pub fn server() -> LocalTime {
        LocalTime::of(jiff::tz::TimeZone::try_system().unwrap_or(jiff::tz::TimeZone::UTC))
    }

    fn zone(&self) -> &jiff::tz::TimeZone {
        self.zone.get_or_init(|| {
            jiff::tz::TimeZone::get(&self.name)
                .unwrap_or_else(|_| jiff::tz::TimeZone::try_system().unwrap_or(jiff::tz::TimeZone::UTC))
        })
    }

    /// The zone's IANA name, such as "Europe/London"; none for a server
    /// zone known only by its rules (a `TZ` string or a bare zone file).
    pub fn name(&self) -> Option<String> {
        self.zone().iana_name().map(str::to_owned)
    }

    fn format(&self, at: Timestamp, pattern: &str) -> String {
        match jiff::Timestamp::from_second(at.seconds()) {
            Ok(instant) => instant
                .to_zoned(self.zone().clone())
                .strftime(pattern)
                .to_string(),
            Err(_) => String::new(),
        }
    }

    /// "2026-11-25 14:03 GMT".
    pub fn minute(&self, at: Timestamp) -> String {
        self.format(at, "%Y-%m-%d %H:%M %Z")
    }

    /// "14:03 GMT", for a time within the day (an override's end).
    pub fn clock(&self, at: Timestamp) -> String {
        self.format(at, "%H:%M %Z")
    }

    /// The first instant of `day` in this zone (for a day filter).
    pub fn midnight(&self, day: time::Date) -> Timestamp {
        let civil = jiff::civil::date(day.year() as i16, u8::from(day.month()) as i8, day.day() as i8);
        match civil.to_zoned(self.zone().clone()) {
            Ok(zoned) => Timestamp(zoned.timestamp().as_second()),
            Err(_) => Timestamp(day.midnight().assume_utc().unix_timestamp()),
        }
    }

    /// The rulebook's reason as a sentence, with its time (an override's
    /// end) in this zone rather than the rulebook's UTC.
    pub fn reason(&self, reason: &Reason) -> String {
        match reason {
            Reason::Override { until } => format!("Override until {}.", self.clock(*until)),
            other => other.to_string(),
        }
    }
}

/// "2026-11-25T14:03:00+00:00": UTC in ISO 8601 with its offset, for files.
pub fn utc_iso(at: Timestamp) -> String {
    match jiff::Timestamp::from_second(at.seconds()) {
        Ok(instant) => instant
            .to_zoned(jiff::tz::TimeZone::UTC)
            .strftime("%Y-%m-%dT%H:%M:%S%:z")
            .to_string(),
        Err(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-01-15 09:30 UTC (summer in New Zealand, winter in London).
    const JANUARY: Timestamp = Timestamp(1_768_469_400);
    /// 2026-07-15 09:30 UTC.
    const JULY: Timestamp = Timestamp(1_784_107_800);

    #[test]
    fn times_are_shown_in_the_agency_zone_with_its_abbreviation() {
        let auckland = LocalTime::named("Pacific/Auckland").unwrap();
        assert_eq!(auckland.minute(JANUARY), "2026-01-15 22:30 NZDT");
        assert_eq!(auckland.minute(JULY), "2026-07-15 21:30 NZST");
        let london = LocalTime::named("Europe/London").unwrap();
        assert_eq!(london.clock(JANUARY), "09:30 GMT");
        assert_eq!(london.clock(JULY), "10:30 BST");
    }

    #[test]
    fn an_override_reason_reads_in_local_time() {
        let london = LocalTime::named("Europe/London").unwrap();
        assert_eq!(
            london.reason(&Reason::Override { until: JULY }),
            "Override until 10:30 BST."
        );
    }

    #[test]
    fn a_day_starts_at_local_midnight() {
        let london = LocalTime::named("Europe/London").unwrap();
        let day = time::Date::from_calendar_date(2026, time::Month::July, 15).unwrap();
        // 00:00 BST is 23:00 UTC the day before.
        assert_eq!(london.midnight(day), Timestamp(1_784_070_000));
    }

    #[test]
    fn files_keep_utc_in_iso_8601_with_the_offset() {
        assert_eq!(utc_iso(JULY), "2026-07-15T09:30:00+00:00");
    }

    #[test]
    fn a_stored_zone_is_read_when_first_used_and_an_unknown_one_reads_as_the_servers() {
        assert_eq!(LocalTime::stored("Europe/London".into()).clock(JULY), "10:30 BST");
        assert_eq!(
            LocalTime::stored("Atlantis/Nowhere".into()).name(),
            LocalTime::server().name()
        );
    }

    #[test]
    fn an_unknown_zone_is_refused_at_its_field() {
        let error = LocalTime::named("Mars/Olympus").unwrap_err();
        assert!(error.field("time_zone").is_some());
    }
}
