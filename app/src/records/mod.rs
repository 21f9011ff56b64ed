//! Protected records (clients now; session records with issue 6) as the
//! database holds them, and the rulebook's list filter turned into SQL.

#[cfg(feature = "ssr")]
pub mod filter_sql;
#[cfg(feature = "ssr")]
pub mod protection;
