//! Finding personnel: the directory search and "My team".

use policy::{OrganizationId, PersonnelId, PersonnelStatus};

use crate::directory::PersonnelSummary;
use crate::error::AppError;
use crate::store::Pool;
use crate::stored_code::{Column, StoredCode};

/// The most results one search returns.
pub const SEARCH_LIMIT: i64 = 100;

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: i64,
    name: String,
    email: String,
    job_title: String,
    role_name: String,
    organization_name: String,
    status: String,
    #[sqlx(try_from = "crate::store::Flag")]
    site_administrator: bool,
}

impl SummaryRow {
    fn into_summary(self) -> Result<PersonnelSummary, AppError> {
        let status = PersonnelStatus::decode(&self.status, Column::new("personnel", "status"))?;
        Ok(PersonnelSummary {
            id: PersonnelId(self.id),
            name: self.name,
            email: self.email,
            job_title: self.job_title,
            role_name: self.role_name,
            organization_name: self.organization_name,
            status,
            site_administrator: self.site_administrator,
        })
    }
}

/// The start of every query for [`SummaryRow`]s.
macro_rules! select_summaries {
    () => {
        "SELECT p.id, p.name, p.email, p.job_title, r.name AS role_name, \
                o.name AS organization_name, p.status, p.site_administrator \
         FROM personnel p \
         JOIN roles r ON r.id = p.role_id \
         JOIN organizations o ON o.id = p.organization_id "
    };
}

/// The folded text with `%`, `_` and `\` escaped, so that it matches
/// literally inside a LIKE pattern (with `ESCAPE '\'`).
pub(crate) fn like_literal(text: &str) -> String {
    let mut literal = String::new();
    for c in crate::case_folding::fold(text.trim()).chars() {
        if matches!(c, '%' | '_' | '\\') {
            literal.push('\\');
        }
        literal.push(c);
    }
    literal
}

/// A LIKE pattern for any part of a folded column.
pub(crate) fn like_pattern(text: &str) -> String {
    format!("%{}%", like_literal(text))
}

/// Personnel whose name or job title contains `text`, or whose e-mail is
/// the whole of `text` (all ignoring case: a part of an address finds
/// nobody), by name. Only Active accounts unless `include_inactive`; only
/// the personnel of `organization` when it is given
/// (`policy::administered_organization`: a personnel or team manager who is
/// not a site administrator is offered their own organization's only).
#[tracing::instrument(name = "directory::search::search", skip_all, fields(organization = organization.map(|o| o.0)))]
pub async fn search(
    pool: &Pool,
    text: &str,
    include_inactive: bool,
    organization: Option<OrganizationId>,
) -> Result<Vec<PersonnelSummary>, AppError> {
    let sql = concat!(
        select_summaries!(),
        "WHERE (LOWER(p.name) LIKE $1 ESCAPE '\\' OR LOWER(p.email) = LOWER($5) \
                OR LOWER(p.job_title) LIKE $1 ESCAPE '\\') \
           AND ($2 OR p.status = 'Active') \
           AND ($4 IS NULL OR p.organization_id = $4) \
         ORDER BY LOWER(p.name), p.id LIMIT $3"
    );
    let rows: Vec<SummaryRow> = sqlx::query_as(sql)
        .bind(like_pattern(text))
        .bind(include_inactive)
        .bind(SEARCH_LIMIT)
        .bind(organization.map(|o| o.0))
        .bind(text.trim())
        .fetch_all(pool)
        .await?;
    rows.into_iter().map(SummaryRow::into_summary).collect()
}

/// The people whose supervisor is `supervisor`, by name, whatever their status.
pub async fn reports_of(pool: &Pool, supervisor: PersonnelId) -> Result<Vec<PersonnelSummary>, AppError> {
    let sql = concat!(
        select_summaries!(),
        "WHERE p.supervisor_id = $1 ORDER BY LOWER(p.name), p.id"
    );
    let rows: Vec<SummaryRow> = sqlx::query_as(sql).bind(supervisor.0).fetch_all(pool).await?;
    rows.into_iter().map(SummaryRow::into_summary).collect()
}

#[cfg(test)]
mod tests {
    use super::like_pattern;

    #[test]
    fn search_text_matches_literally() {
        assert_eq!(like_pattern(" Ana "), "%ana%");
        assert_eq!(like_pattern("50%_off\\"), "%50\\%\\_off\\\\%");
    }
}
