//! Loading a personnel's account from the database: the policy's
//! [`Subject`] and the [`Me`] the browser is shown; for a request, found by
//! its session, with the session's times, in one statement.

use policy::{OrganizationId, Permission, PersonnelId, PersonnelStatus, Subject, TeamId, Timestamp};

use crate::error::AppError;
use crate::me::Me;
use crate::store::Pool;
use crate::stored_code::{Column, StoredCode};

/// The account's columns, its role's permissions and its teams (each a
/// comma-separated list), from `personnel p` and the joins of
/// [`account_joins`]. `string_agg` is PostgreSQL's and SQLite's (3.44 on;
/// sqlx bundles a newer one); it takes text on PostgreSQL.
macro_rules! account_columns {
    () => {
        "p.id, p.organization_id, o.name AS organization_name, p.name, p.email, \
         r.name AS role_name, p.status, p.site_administrator, p.must_change_password, \
         p.security_question, \
         (SELECT string_agg(rp.permission, ',') FROM role_permissions rp WHERE rp.role_id = p.role_id) \
             AS permissions, \
         (SELECT string_agg(CAST(tm.team_id AS TEXT), ',') FROM team_members tm WHERE tm.personnel_id = p.id) AS teams"
    };
}

macro_rules! account_joins {
    () => {
        "JOIN organizations o ON o.id = p.organization_id JOIN roles r ON r.id = p.role_id"
    };
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    session_created_at: i64,
    session_last_seen_at: i64,
    #[sqlx(flatten)]
    account: AccountRow,
}

#[derive(sqlx::FromRow)]
struct AccountRow {
    id: i64,
    organization_id: i64,
    organization_name: String,
    name: String,
    email: String,
    role_name: String,
    status: String,
    #[sqlx(try_from = "crate::store::Flag")]
    site_administrator: bool,
    #[sqlx(try_from = "crate::store::Flag")]
    must_change_password: bool,
    security_question: Option<String>,
    /// The role's permissions, separated by commas; `None` for none.
    permissions: Option<String>,
    /// The person's team ids, separated by commas; `None` for none.
    teams: Option<String>,
}

/// The items of a comma-separated list (none for `None`).
fn list(items: &Option<String>) -> impl Iterator<Item = &str> {
    items.as_deref().into_iter().flat_map(|items| items.split(','))
}

/// A session and the account it belongs to.
pub struct SessionAccount {
    /// When the session began.
    pub created_at: Timestamp,
    /// When the session was last marked used.
    pub last_seen_at: Timestamp,
    pub subject: Subject,
    pub me: Me,
}

/// The account of `id`, as the rulebook and the browser see it.
pub async fn load(pool: &Pool, id: PersonnelId) -> Result<(Subject, Me), AppError> {
    let row: AccountRow = sqlx::query_as(concat!(
        "SELECT ",
        account_columns!(),
        " FROM personnel p ",
        account_joins!(),
        " WHERE p.id = $1"
    ))
    .bind(id.0)
    .fetch_optional(pool)
    .await?
    .ok_or_else(AppError::unauthenticated)?;
    account(row)
}

/// The session whose token hashes to `token_hash`, with its account as the
/// rulebook and the browser see it; `None` when there is no such session.
/// One statement: a page view's statements each cost a round trip to the
/// database's thread.
pub async fn load_by_session(pool: &Pool, token_hash: &str) -> Result<Option<SessionAccount>, AppError> {
    let row: Option<SessionRow> = sqlx::query_as(concat!(
        "SELECT s.created_at AS session_created_at, s.last_seen_at AS session_last_seen_at, ",
        account_columns!(),
        " FROM sessions s JOIN personnel p ON p.id = s.personnel_id ",
        account_joins!(),
        " WHERE s.token_hash = $1"
    ))
    .bind(token_hash)
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let (subject, me) = account(row.account)?;
    Ok(Some(SessionAccount {
        created_at: Timestamp(row.session_created_at),
        last_seen_at: Timestamp(row.session_last_seen_at),
        subject,
        me,
    }))
}

fn account(row: AccountRow) -> Result<(Subject, Me), AppError> {
    let status = PersonnelStatus::decode(&row.status, Column::new("personnel", "status"))?;
    let permissions = list(&row.permissions)
        .map(|key| Permission::decode(key, Column::new("role_permissions", "permission")))
        .collect::<Result<_, _>>()?;
    let mut teams = list(&row.teams)
        .map(|team| {
            team.parse().map(TeamId).map_err(|_| {
                tracing::error!(team, "a team id that is not a number");
                AppError::Unavailable
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    teams.sort();
    let subject = Subject {
        id: PersonnelId(row.id),
        organization: OrganizationId(row.organization_id),
        status,
        site_administrator: row.site_administrator,
        permissions,
        teams,
        must_change_password: row.must_change_password,
    };
    let me = Me {
        id: subject.id,
        name: row.name,
        email: row.email,
        organization_name: row.organization_name,
        role_name: row.role_name,
        site_administrator: row.site_administrator,
        permissions,
        must_change_password: row.must_change_password,
        must_choose_security_question: row
            .security_question
            .as_deref()
            .is_some_and(|q| !crate::security_questions::is_offered(q)),
        menu: policy::menu(&subject),
        opens: policy::role_opens(&subject),
        start: policy::start_page(&subject),
    };
    Ok((subject, me))
}
