//! Ids are never used twice (migration 0007): a person, team or
//! role created after the newest one was deleted gets a new id, not the
//! deleted one's (which audit entries still name); and the migration that
//! made them so keeps every row, column, index and foreign key.

use app::api::personnel::{AddPersonnel, DeletePersonnel};
use app::api::roles::{CreateRole, DeleteRole};
use app::api::teams::{CreateTeam, DeleteTeam};
use app::directory::{NewAccount, PersonnelForm};
use app::store::Flag;
use policy::{OrganizationId, PermissionSet, RoleId, Timestamp};

use crate::support::{Account, START, TestApp, spawn_app};

/// The tables migration 0007 rebuilt with AUTOINCREMENT.
const REBUILT: [&str; 5] = ["personnel", "roles", "teams", "clients", "session_records"];
/// The last migration before 0007.
const BEFORE_0007: i64 = 6;

fn new_account(organization: i64, role: i64, email: &str) -> NewAccount {
    let password = "a long new passphrase";
    NewAccount {
        details: PersonnelForm::new(OrganizationId(organization), RoleId(role), "Sam Newcomer", email),
        password: password.into(),
        confirm_password: password.into(),
        require_password_change: true,
    }
}

async fn audit_entries_about(app: &TestApp, entity: &str, id: i64) -> i64 {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE entity = $1 AND entity_id = $2")
        .bind(entity)
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    n
}

#[tokio::test]
async fn a_person_team_or_role_made_after_the_newest_was_deleted_gets_a_new_id() {
    let app = spawn_app().await;
    let (admin, admin_id) = app
        .signed_in(Account::site_administrator("admin@agency.example"))
        .await;
    let (organization, role): (i64, i64) =
        sqlx::query_as("SELECT organization_id, role_id FROM personnel WHERE id = $1")
            .bind(admin_id.0)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let add = async |email: &str| {
        let account = new_account(organization, role, email);
        app.ask(&admin, AddPersonnel { account }).await.ok()
    };
    let first = add("first@agency.example").await;
    app.ask(&admin, DeletePersonnel { id: first }).await.ok();
    let second = add("second@agency.example").await;
    assert!(second.0 > first.0, "person {second:?} after deleted {first:?}");
    assert_eq!(
        audit_entries_about(&app, "personnel", second.0).await,
        1,
        "only its own creation"
    );

    let team = |name: &str| CreateTeam { name: name.into() };
    let first = app.ask(&admin, team("Outreach")).await.ok();
    app.ask(&admin, DeleteTeam { id: first }).await.ok();
    let second = app.ask(&admin, team("Intake")).await.ok();
    assert!(second.0 > first.0, "team {second:?} after deleted {first:?}");

    let role = |name: &str| CreateRole {
        name: name.into(),
        permissions: PermissionSet::empty(),
    };
    let first = app.ask(&admin, role("Auditor")).await.ok();
    app.ask(&admin, DeleteRole { id: first }).await.ok();
    let second = app.ask(&admin, role("Reviewer")).await.ok();
    assert!(second.0 > first.0, "role {second:?} after deleted {first:?}");
}

/// What migration 0007 must keep of one table: its columns, its indexes
/// and its rows, each written out as text.
#[derive(Debug, PartialEq)]
struct TableImage {
    columns: Vec<String>,
    indexes: Vec<String>,
    rows: Vec<String>,
}

async fn image(pool: &app::store::Pool, table: &str) -> TableImage {
    let columns: Vec<(String, String, Flag, Option<String>, i64)> = sqlx::query_as(
        "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info($1) ORDER BY cid",
    )
    .bind(table)
    .fetch_all(pool)
    .await
    .unwrap();
    let indexes: Vec<(String,)> = sqlx::query_as(
        "SELECT name || ': ' || COALESCE(sql, 'constraint') FROM sqlite_master \
         WHERE type = 'index' AND tbl_name = $1 ORDER BY name",
    )
    .bind(table)
    .fetch_all(pool)
    .await
    .unwrap();
    let row_text = columns
        .iter()
        .map(|(name, ..)| format!("quote(\"{name}\")"))
        .collect::<Vec<_>>()
        .join(" || '|' || ");
    let rows: Vec<(String,)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {row_text} FROM \"{table}\" ORDER BY id"
    )))
    .fetch_all(pool)
    .await
    .unwrap();
    TableImage {
        columns: columns.iter().map(|c| format!("{c:?}")).collect(),
        indexes: indexes.into_iter().map(|(i,)| i).collect(),
        rows: rows.into_iter().map(|(r,)| r).collect(),
    }
}

#[tokio::test]
async fn migration_0007_keeps_the_demo_data_and_its_foreign_keys_and_never_reuses_a_deleted_id() {
    let data = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", data.path().join("demo.db").display());
    let pool = app::store::connect(&url).await.unwrap();
    app::store::SQLITE_MIGRATOR
        .run_to(BEFORE_0007, &pool)
        .await
        .unwrap();
    let now = Timestamp(START);
    let hashing = app::auth::password_hash::Hashing::new(1, 8);
    // Today's demo seeder also writes the folded search columns that
    // migration 0009 adds: lend them to the old schema while it seeds.
    const FOLDED: [(&str, &str); 4] = [
        ("clients", "first_name_folded"),
        ("clients", "last_name_folded"),
        ("clients", "identifier_folded"),
        ("session_records", "title_folded"),
    ];
    for (table, column) in FOLDED {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "ALTER TABLE {table} ADD COLUMN {column} TEXT"
        )))
        .execute(&pool)
        .await
        .unwrap();
    }
    assert!(server::demo::seed_demo(&pool, &hashing, now).await.unwrap());
    for (table, column) in FOLDED {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "ALTER TABLE {table} DROP COLUMN {column}"
        )))
        .execute(&pool)
        .await
        .unwrap();
    }
    // The newest person is added and deleted before the migration: only
    // the audit log still names them.
    let (admin, organization, role): (i64, i64, i64) = sqlx::query_as(
        "SELECT id, organization_id, role_id FROM personnel WHERE site_administrator ORDER BY id LIMIT 1",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    // Written by hand, as today's code cannot read the old schema's BOOLEAN
    // columns through sqlx's Any driver (migration 0012 retired them).
    let leaver = write_person(&pool, organization, role, "leaver@agency.example").await;
    sqlx::query(
        "INSERT INTO audit_log (at, actor_id, action, entity, entity_id) \
         VALUES ($1, $2, 'delete', 'personnel', $3)",
    )
    .bind(now.0)
    .bind(admin)
    .bind(leaver)
    .execute(&pool)
    .await
    .unwrap();
    sqlx::query("DELETE FROM personnel WHERE id = $1")
        .bind(leaver)
        .execute(&pool)
        .await
        .unwrap();
    let mut before = Vec::new();
    for table in REBUILT {
        before.push(image(&pool, table).await);
    }
    assert!(
        before.iter().all(|t| !t.rows.is_empty()),
        "the demo fills every table"
    );

    app::store::SQLITE_MIGRATOR
        .run_to(BEFORE_0007 + 1, &pool)
        .await
        .unwrap();

    for (table, before) in REBUILT.into_iter().zip(before) {
        assert_eq!(image(&pool, table).await, before, "{table} is kept whole");
        let (sql,): (String,) =
            sqlx::query_as("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = $1")
                .bind(table)
                .fetch_one(&pool)
                .await
                .unwrap();
        assert!(sql.contains("AUTOINCREMENT"), "{sql}");
    }
    let violations: Vec<(String, Option<i64>, String, i64)> = sqlx::query_as("PRAGMA foreign_key_check")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert_eq!(violations, vec![], "every foreign key holds");
    let (foreign_keys,): (Flag,) = sqlx::query_as("PRAGMA foreign_keys")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(foreign_keys.0, "foreign keys are on again");
    let leftovers: Vec<(String,)> = sqlx::query_as("SELECT name FROM sqlite_master WHERE name LIKE '%_new'")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert_eq!(leftovers, vec![]);
    let sequences: Vec<(String,)> = sqlx::query_as("SELECT name FROM sqlite_sequence ORDER BY name")
        .fetch_all(&pool)
        .await
        .unwrap();
    let mut rebuilt: Vec<(String,)> = REBUILT.iter().map(|t| ((*t).to_owned(),)).collect();
    rebuilt.sort();
    assert_eq!(sequences, rebuilt, "one sequence per rebuilt table");

    let joiner = write_person(&pool, organization, role, "joiner@agency.example").await;
    assert!(joiner > leaver, "{joiner} after the deleted {leaver}");
}

/// A new account, written as the code of the time wrote one; its id.
async fn write_person(pool: &app::store::Pool, organization: i64, role: i64, email: &str) -> i64 {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO personnel (organization_id, name, email, role_id, status, password_hash, created_at) \
         VALUES ($1, 'Sam Newcomer', $2, $3, 'Active', 'not a hash', $4) RETURNING id",
    )
    .bind(organization)
    .bind(email)
    .bind(role)
    .bind(START)
    .fetch_one(pool)
    .await
    .unwrap();
    id
}
