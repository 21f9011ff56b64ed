-- no-transaction
-- Ids that are never used twice (issue 11). Without AUTOINCREMENT, SQLite
-- gives a new row the largest id + 1, so after the newest person, team or
-- role is deleted the next one takes its id, and with it the audit entries
-- (audit_log.entity_id has no foreign key) that name the deleted one.
-- Clients and session records are not deleted today, but access_rules and
-- overrides name them by record_id without a foreign key: a reused id would
-- hand a new record the old one's rules and override history.
--
-- SQLite cannot add AUTOINCREMENT to a column, so each table is rebuilt
-- (https://www.sqlite.org/lang_altertable.html, "Making Other Kinds Of
-- Table Schema Changes"): foreign keys off, outside a transaction (hence
-- the first line); then in one transaction: a new table with the same
-- columns in the same order, the rows copied, the old table dropped, the
-- new one renamed, its indexes made again; the foreign keys checked; the
-- sequence set above every id ever used; and foreign keys on again.
--
-- `INSERT ... SELECT *` copies by position: a column added to one of these
-- tables by an earlier migration and missing here makes this migration
-- fail (the counts differ) instead of losing the column.

PRAGMA foreign_keys = OFF;

BEGIN;

CREATE TABLE personnel_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    organization_id INTEGER NOT NULL REFERENCES organizations (id),
    name TEXT NOT NULL,
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
    sign_in_locked_until BIGINT,
    created_at BIGINT NOT NULL,
    default_location TEXT NOT NULL DEFAULT '',
    support_issues TEXT NOT NULL DEFAULT 'unable'
        CHECK (support_issues IN ('unable', 'internal', 'vendor')),
    security_question TEXT,
    security_answer_hash TEXT
);
INSERT INTO personnel_new SELECT * FROM personnel;
DROP TABLE personnel;
ALTER TABLE personnel_new RENAME TO personnel;
CREATE INDEX personnel_by_organization ON personnel (organization_id);
CREATE INDEX personnel_by_supervisor ON personnel (supervisor_id);

CREATE TABLE roles_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE
);
INSERT INTO roles_new SELECT * FROM roles;
DROP TABLE roles;
ALTER TABLE roles_new RENAME TO roles;

CREATE TABLE teams_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    organization_id INTEGER NOT NULL REFERENCES organizations (id),
    name TEXT NOT NULL UNIQUE
);
INSERT INTO teams_new SELECT * FROM teams;
DROP TABLE teams;
ALTER TABLE teams_new RENAME TO teams;

CREATE TABLE clients_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
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
INSERT INTO clients_new SELECT * FROM clients;
DROP TABLE clients;
ALTER TABLE clients_new RENAME TO clients;
CREATE INDEX clients_by_name ON clients (last_name, first_name);
CREATE INDEX clients_by_lower_last_name ON clients (LOWER(last_name));
CREATE INDEX clients_by_lower_first_name ON clients (LOWER(first_name));
CREATE INDEX clients_by_lower_identifier ON clients (LOWER(identifier));
CREATE INDEX clients_by_date_of_birth ON clients (date_of_birth);
CREATE INDEX clients_by_responsible ON clients (responsible_personnel_id);

CREATE TABLE session_records_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    organization_id INTEGER NOT NULL REFERENCES organizations (id),
    title TEXT NOT NULL,
    held_on TEXT NOT NULL,
    created_by INTEGER NOT NULL REFERENCES personnel (id),
    created_at BIGINT NOT NULL
);
INSERT INTO session_records_new SELECT * FROM session_records;
DROP TABLE session_records;
ALTER TABLE session_records_new RENAME TO session_records;
CREATE INDEX session_records_by_day ON session_records (held_on, id);
CREATE INDEX session_records_by_lower_title ON session_records (LOWER(title));

-- Every foreign key still holds: a violation fails the CHECK, and the
-- migration with it.
CREATE TEMP TABLE foreign_keys_hold (violations INTEGER NOT NULL CHECK (violations = 0));
INSERT INTO foreign_keys_hold SELECT COUNT(*) FROM pragma_foreign_key_check;
DROP TABLE foreign_keys_hold;

-- The next id comes after every id ever used, the deleted ones included:
-- the largest still in the table, and the largest an audit entry, a rule
-- or an override names.
DELETE FROM sqlite_sequence WHERE name IN ('personnel', 'roles', 'teams', 'clients', 'session_records');
INSERT INTO sqlite_sequence (name, seq) VALUES
    ('personnel', MAX(
        COALESCE((SELECT MAX(id) FROM personnel), 0),
        COALESCE((SELECT MAX(entity_id) FROM audit_log WHERE entity = 'personnel'), 0))),
    ('roles', MAX(
        COALESCE((SELECT MAX(id) FROM roles), 0),
        COALESCE((SELECT MAX(entity_id) FROM audit_log WHERE entity = 'roles'), 0))),
    ('teams', MAX(
        COALESCE((SELECT MAX(id) FROM teams), 0),
        COALESCE((SELECT MAX(entity_id) FROM audit_log WHERE entity = 'teams'), 0))),
    ('clients', MAX(
        COALESCE((SELECT MAX(id) FROM clients), 0),
        COALESCE((SELECT MAX(entity_id) FROM audit_log WHERE entity = 'clients'), 0),
        COALESCE((SELECT MAX(record_id) FROM access_rules WHERE record_kind = 'client'), 0),
        COALESCE((SELECT MAX(record_id) FROM overrides WHERE record_kind = 'client'), 0))),
    ('session_records', MAX(
        COALESCE((SELECT MAX(id) FROM session_records), 0),
        COALESCE((SELECT MAX(entity_id) FROM audit_log WHERE entity = 'session_records'), 0),
        COALESCE((SELECT MAX(record_id) FROM access_rules WHERE record_kind = 'session_record'), 0),
        COALESCE((SELECT MAX(record_id) FROM overrides WHERE record_kind = 'session_record'), 0)));

COMMIT;

PRAGMA foreign_keys = ON;
