//! What the access-rules panel's search offers: teams whose name contains
//! the text, then Active personnel whose name or job title does, or whose
//! e-mail is the whole text (see `clients::choices`).

use policy::{RuleSubject, TeamId};

use crate::access_rules::SubjectChoice;
use crate::clients::choices::{ChoiceOrder, active_personnel};
use crate::directory::search::like_pattern;
use crate::error::AppError;
use crate::store::Pool;

/// The most teams one search offers (and as many people).
const TEAM_LIMIT: i64 = 10;

pub async fn subjects(pool: &Pool, text: &str) -> Result<Vec<SubjectChoice>, AppError> {
    let teams: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, name FROM teams WHERE LOWER(name) LIKE $1 ESCAPE '\\' ORDER BY LOWER(name), id LIMIT $2",
    )
    .bind(like_pattern(text))
    .bind(TEAM_LIMIT)
    .fetch_all(pool)
    .await?;
    let people = active_personnel(pool, text, ChoiceOrder::ByName).await?;
    Ok(teams
        .into_iter()
        .map(|(id, name)| SubjectChoice {
            subject: RuleSubject::Team(TeamId(id)),
            name,
            detail: "Team".into(),
        })
        .chain(people.into_iter().map(|p| SubjectChoice {
            subject: RuleSubject::Personnel(p.id),
            name: p.name,
            detail: p.job_title,
        }))
        .collect())
}
