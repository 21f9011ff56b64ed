//! The people a profile's pickers offer: Active personnel whose name or job
//! title contains the search text, or whose e-mail is the whole text
//! (ignoring case: a part of an address finds nobody, so that colleagues'
//! addresses cannot be spelt out letter by letter); case managers first
//! when choosing the responsible personnel.

use policy::PersonnelId;

use crate::clients::PersonnelChoice;
use crate::directory::search::like_pattern;
use crate::error::AppError;
use crate::store::Pool;

/// The most people one search offers.
pub const CHOICE_LIMIT: i64 = 20;

/// One person offered, as the query reads them.
#[derive(sqlx::FromRow)]
struct ChoiceRow {
    id: i64,
    name: String,
    job_title: String,
    #[sqlx(try_from = "crate::store::Flag")]
    case_manager: bool,
}

/// Which order the choices come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChoiceOrder {
    ByName,
    CaseManagersFirst,
}

#[tracing::instrument(name = "clients::choices::active_personnel", skip_all)]
pub async fn active_personnel(
    pool: &Pool,
    text: &str,
    order: ChoiceOrder,
) -> Result<Vec<PersonnelChoice>, AppError> {
    // Case managers first is one more sort key in front of the name.
    let rows: Vec<ChoiceRow> = sqlx::query_as(
        "SELECT id, name, job_title, case_manager FROM personnel \
         WHERE status = 'Active' \
           AND (LOWER(name) LIKE $1 ESCAPE '\\' OR LOWER(email) = LOWER($4) \
                OR LOWER(job_title) LIKE $1 ESCAPE '\\') \
         ORDER BY CASE WHEN $2 AND case_manager THEN 0 ELSE 1 END, LOWER(name), id LIMIT $3",
    )
    .bind(like_pattern(text))
    .bind(order == ChoiceOrder::CaseManagersFirst)
    .bind(CHOICE_LIMIT)
    .bind(text.trim())
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| PersonnelChoice {
            id: PersonnelId(row.id),
            name: row.name,
            job_title: row.job_title,
            case_manager: row.case_manager,
        })
        .collect())
}
