//! Demo data for a first look: one organization, seven roles, personnel in
//! each role and status, two teams, a few clients (one of them locked) and
//! three sessions (one denied to the "Family advocates" team).
//! Loaded only into an empty database.

use app::case_folding::fold;
use policy::{Permission, PersonnelStatus, Timestamp};

use app::accounts::{NewPersonnel, create_personnel, ensure_organization, ensure_role};
use app::auth::password_hash::Hashing;
use app::directory::PersonnelForm;
use app::error::AppError;
use app::store::Pool;

/// Every demo account's password.
pub const DEMO_PASSWORD: &str = "Riverside demo 2026";
pub const DEMO_ORGANIZATION: &str = "Riverside Child Advocacy Centre";

struct DemoPerson {
    name: &'static str,
    email: &'static str,
    job_title: &'static str,
    role: &'static str,
    status: PersonnelStatus,
    site_administrator: bool,
    case_manager: bool,
    description: &'static str,
}

const PEOPLE: &[DemoPerson] = &[
    DemoPerson {
        name: "Avery Stone",
        email: "avery@riverside.example",
        job_title: "Centre director",
        role: "Administrator",
        status: PersonnelStatus::Active,
        site_administrator: true,
        case_manager: false,
        description: "site administrator",
    },
    DemoPerson {
        name: "Casey Morgan",
        email: "casey@riverside.example",
        job_title: "Family advocate",
        role: "Case manager",
        status: PersonnelStatus::Active,
        site_administrator: false,
        case_manager: true,
        description: "case manager",
    },
    DemoPerson {
        name: "Ira Patel",
        email: "ira@riverside.example",
        job_title: "Intake coordinator",
        role: "Intake",
        status: PersonnelStatus::Active,
        site_administrator: false,
        case_manager: false,
        description: "intake",
    },
    DemoPerson {
        name: "Robin Hughes",
        email: "robin@riverside.example",
        job_title: "Board liaison",
        role: "Read-only",
        status: PersonnelStatus::Active,
        site_administrator: false,
        case_manager: false,
        description: "read-only",
    },
    DemoPerson {
        name: "Pat Quinn",
        email: "pat@riverside.example",
        job_title: "Volunteer (starting soon)",
        role: "Read-only",
        status: PersonnelStatus::Pending,
        site_administrator: false,
        case_manager: false,
        description: "Pending: cannot sign in",
    },
    DemoPerson {
        name: "Ivan Reyes",
        email: "ivan@riverside.example",
        job_title: "Former intern",
        role: "Intake",
        status: PersonnelStatus::Inactive,
        site_administrator: false,
        case_manager: false,
        description: "Inactive: cannot sign in",
    },
    DemoPerson {
        name: "Dana Reid",
        email: "dana@riverside.example",
        job_title: "Family advocate",
        role: "Case manager",
        status: PersonnelStatus::Active,
        site_administrator: false,
        case_manager: true,
        description: "case manager, not on Sofia Garcia's allowed personnel",
    },
    DemoPerson {
        name: "Morgan Lee",
        email: "morgan@riverside.example",
        job_title: "Compliance auditor",
        role: "Auditor",
        status: PersonnelStatus::Active,
        site_administrator: false,
        case_manager: false,
        description: "auditor: reads the access-override log",
    },
    DemoPerson {
        name: "Sam Ortiz",
        email: "sam@riverside.example",
        job_title: "Group facilitator",
        role: "Group facilitator",
        status: PersonnelStatus::Active,
        site_administrator: false,
        case_manager: false,
        description: "group facilitator: sessions only",
    },
    DemoPerson {
        name: "Jo Kim",
        email: "jo@riverside.example",
        job_title: "Volunteer",
        role: "Volunteer",
        status: PersonnelStatus::Active,
        site_administrator: false,
        case_manager: false,
        description: "volunteer: a role that opens no area yet (lands on Your account)",
    },
];

/// The identifier of the demo client that starts locked.
const LOCKED_CLIENT: &str = "RCAC-1005";

const CLIENTS: &[(&str, &str, &str, &str)] = &[
    ("Mia", "Thompson", "2014-03-09", "RCAC-1001"),
    ("Noah", "Williams", "2011-11-21", "RCAC-1002"),
    ("Aroha", "Ngata", "2016-06-02", "RCAC-1003"),
    ("Liam", "Chen", "2009-01-30", "RCAC-1004"),
    ("Sofia", "Garcia", "2013-08-15", "RCAC-1005"),
];

pub(crate) fn role_permissions(role: &str) -> Vec<Permission> {
    use Permission::*;
    match role {
        "Administrator" => Permission::ALL.to_vec(),
        "Case manager" => vec![
            ViewClients,
            CreateClients,
            EditClients,
            LockClients,
            ManageAllowedPersonnel,
            EditAccessRules,
            OverrideAccess,
            ViewSessions,
            EditSessions,
        ],
        "Auditor" => vec![ViewOverrideLog],
        "Group facilitator" => vec![ViewSessions, EditSessions],
        "Volunteer" => vec![],
        "Intake" => vec![ViewClients, CreateClients, ViewSessions],
        _ => vec![ViewClients, ViewSessions],
    }
}

/// The demo accounts, as printed for the person trying Safehold.
pub fn logins() -> impl Iterator<Item = (&'static str, &'static str)> {
    PEOPLE.iter().map(|p| (p.email, p.description))
}

/// The demo sessions: title, date, facilitators and attending clients (by
/// index into `PEOPLE` and `CLIENTS`).
const SESSIONS: &[(&str, &str, &[usize], &[usize])] = &[
    ("Ngata whānau hui", "2026-11-18", &[1], &[2, 4]),
    ("Teen safety group", "2026-11-20", &[1, 6], &[0, 1, 3]),
    ("Confidential family meeting", "2026-11-21", &[1], &[4]),
];

/// The demo session denied to the "Family advocates" team (Dana), who can
/// still override it.
const DENIED_SESSION: usize = 2;

async fn seed_sessions(
    tx: &mut app::accounts::Transaction<'_>,
    organization: policy::OrganizationId,
    people: &[policy::PersonnelId],
    clients: &[i64],
    now: Timestamp,
) -> Result<(), AppError> {
    let (advocates,): (i64,) =
        sqlx::query_as("INSERT INTO teams (organization_id, name) VALUES ($1, $2) RETURNING id")
            .bind(organization.0)
            .bind("Family advocates")
            .fetch_one(&mut **tx)
            .await?;
    sqlx::query("INSERT INTO team_members (team_id, personnel_id) VALUES ($1, $2)")
        .bind(advocates)
        .bind(people[6].0)
        .execute(&mut **tx)
        .await?;
    for (n, (title, held_on, facilitators, attendees)) in SESSIONS.iter().enumerate() {
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO session_records (organization_id, title, held_on, created_by, created_at, title_folded) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(organization.0)
        .bind(title)
        .bind(held_on)
        .bind(people[1].0)
        .bind(now.0)
        .bind(fold(title))
        .fetch_one(&mut **tx)
        .await?;
        for person in *facilitators {
            sqlx::query("INSERT INTO session_facilitators (session_record_id, personnel_id) VALUES ($1, $2)")
                .bind(id)
                .bind(people[*person].0)
                .execute(&mut **tx)
                .await?;
        }
        for client in *attendees {
            sqlx::query("INSERT INTO session_attendees (session_record_id, client_id) VALUES ($1, $2)")
                .bind(id)
                .bind(clients[*client])
                .execute(&mut **tx)
                .await?;
        }
        if n == DENIED_SESSION {
            sqlx::query(
                "INSERT INTO access_rules (record_kind, record_id, team_id, effect) \
                 VALUES ('session_record', $1, $2, 'deny')",
            )
            .bind(id)
            .bind(advocates)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}

/// Loads the demo data if the database has no personnel yet. Answers
/// whether it did; a database with personnel is left alone.
pub async fn seed_demo(pool: &Pool, hashing: &Hashing, now: Timestamp) -> Result<bool, AppError> {
    let mut tx = pool.begin().await?;
    let (existing,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM personnel")
        .fetch_one(&mut *tx)
        .await?;
    if existing > 0 {
        return Ok(false);
    }
    let organization = ensure_organization(&mut tx, DEMO_ORGANIZATION).await?;
    let mut ids = Vec::new();
    for person in PEOPLE {
        let role = ensure_role(&mut tx, person.role, &role_permissions(person.role)).await?;
        let id = create_personnel(
            &mut tx,
            hashing,
            NewPersonnel {
                details: PersonnelForm {
                    job_title: person.job_title.into(),
                    status: person.status,
                    site_administrator: person.site_administrator,
                    case_manager: person.case_manager,
                    ..PersonnelForm::new(organization, role, person.name, person.email)
                },
                password: DEMO_PASSWORD.into(),
                must_change_password: false,
            },
            now,
        )
        .await?;
        ids.push(id);
    }
    ensure_role(&mut tx, "Read-only", &role_permissions("Read-only")).await?;
    let (team,): (i64,) =
        sqlx::query_as("INSERT INTO teams (organization_id, name) VALUES ($1, $2) RETURNING id")
            .bind(organization.0)
            .bind("Forensic interview team")
            .fetch_one(&mut *tx)
            .await?;
    sqlx::query("INSERT INTO team_members (team_id, personnel_id) VALUES ($1, $2)")
        .bind(team)
        .bind(ids[1].0)
        .execute(&mut *tx)
        .await?;
    let mut clients = Vec::new();
    for (first, last, born, identifier) in CLIENTS {
        let (client,): (i64,) = sqlx::query_as(
            "INSERT INTO clients (organization_id, first_name, last_name, date_of_birth, identifier, \
                                  responsible_personnel_id, created_by, created_at, \
                                  first_name_folded, last_name_folded, identifier_folded) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
        )
        .bind(organization.0)
        .bind(first)
        .bind(last)
        .bind(born)
        .bind(identifier)
        .bind(ids[1].0)
        .bind(ids[2].0)
        .bind(now.0)
        .bind(fold(first))
        .bind(fold(last))
        .bind(fold(identifier))
        .fetch_one(&mut *tx)
        .await?;
        clients.push(client);
    }
    seed_sessions(&mut tx, organization, &ids, &clients, now).await?;
    // Sofia Garcia's profile is locked, with Casey as its allowed personnel:
    // Dana, also a case manager, sees only a bare "Restricted" entry.
    let (locked,): (i64,) = sqlx::query_as("SELECT id FROM clients WHERE identifier = $1")
        .bind(LOCKED_CLIENT)
        .fetch_one(&mut *tx)
        .await?;
    sqlx::query("UPDATE clients SET locked = TRUE WHERE id = $1")
        .bind(locked)
        .execute(&mut *tx)
        .await?;
    sqlx::query("INSERT INTO client_allowed_personnel (client_id, personnel_id) VALUES ($1, $2)")
        .bind(locked)
        .bind(ids[1].0)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(true)
}
