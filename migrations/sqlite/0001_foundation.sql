-- Safehold's foundation: organizations, roles, teams, personnel, sign-in
-- sessions and clients. Timestamps are seconds since the Unix epoch (UTC).
-- Written for SQLite; queries elsewhere stay within what PostgreSQL accepts.

CREATE TABLE organizations (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

-- A role ("permission set", "workgroup") decides what a person can do.
CREATE TABLE roles (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

-- One row per permission a role holds; `permission` is policy::Permission::key().
CREATE TABLE role_permissions (
    role_id INTEGER NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    permission TEXT NOT NULL,
    PRIMARY KEY (role_id, permission)
);

CREATE TABLE personnel (
    id INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations (id),
    name TEXT NOT NULL,
    -- The login: stored trimmed and lower-cased, so unique regardless of case.
    email TEXT NOT NULL UNIQUE,
    job_title TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    supervisor_id INTEGER REFERENCES personnel (id),
    case_manager BOOLEAN NOT NULL DEFAULT FALSE,
    role_id INTEGER NOT NULL REFERENCES roles (id),
    status TEXT NOT NULL CHECK (status IN ('Active', 'Inactive', 'Pending')),
    site_administrator BOOLEAN NOT NULL DEFAULT FALSE,
    password_hash TEXT NOT NULL,
    must_change_password BOOLEAN NOT NULL DEFAULT TRUE,
    -- Sign-in is refused until this instant after repeated failures.
    sign_in_locked_until BIGINT,
    created_at BIGINT NOT NULL
);

CREATE INDEX personnel_by_organization ON personnel (organization_id);

-- A team ("personnel group") is the subject of access rules.
CREATE TABLE teams (
    id INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations (id),
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE team_members (
    team_id INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    personnel_id INTEGER NOT NULL REFERENCES personnel (id),
    PRIMARY KEY (team_id, personnel_id)
);

CREATE INDEX team_members_by_personnel ON team_members (personnel_id);

-- Server-side sign-in sessions. Only a SHA-256 of the cookie's token is kept.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    personnel_id INTEGER NOT NULL REFERENCES personnel (id),
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL
);

CREATE INDEX sessions_by_personnel ON sessions (personnel_id);

-- Failed sign-ins of known accounts, for the lockout after repeated failures.
CREATE TABLE sign_in_failures (
    personnel_id INTEGER NOT NULL REFERENCES personnel (id),
    failed_at BIGINT NOT NULL
);

CREATE INDEX sign_in_failures_by_personnel ON sign_in_failures (personnel_id, failed_at);

CREATE TABLE clients (
    id INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations (id),
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    date_of_birth TEXT,
    identifier TEXT NOT NULL DEFAULT '',
    responsible_personnel_id INTEGER REFERENCES personnel (id),
    created_by INTEGER NOT NULL REFERENCES personnel (id),
    locked BOOLEAN NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL
);

CREATE INDEX clients_by_name ON clients (last_name, first_name);
