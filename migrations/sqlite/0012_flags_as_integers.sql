-- no-transaction
-- Yes/no columns declared INTEGER instead of BOOLEAN (issue 15). The code
-- reaches SQLite and PostgreSQL through sqlx's `Any` driver, which reads a
-- SQLite column by its declared type and knows no BOOLEAN there. The stored
-- values do not change: SQLite kept them as the integers 0 and 1 all along.
-- A CHECK now keeps them so.
--
-- The tables are rebuilt as in 0007 (https://www.sqlite.org/lang_altertable.html,
-- "Making Other Kinds Of Table Schema Changes"): foreign keys off, outside
-- a transaction (hence the first line); then in one transaction each table
-- is made again with the same columns in the same order, its rows copied by
-- position, its indexes made again; the foreign keys checked; the id
-- sequences kept as they were.

PRAGMA foreign_keys = OFF;

BEGIN;

CREATE TEMP TABLE kept_sequences AS
    SELECT name, seq FROM sqlite_sequence WHERE name IN ('personnel', 'clients');

CREATE TABLE site_settings_new (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    client_visibility TEXT NOT NULL DEFAULT 'all_users'
        CHECK (client_visibility IN ('all_users', 'responsible_user')),
    assign_new_clients_to_creator INTEGER NOT NULL DEFAULT 0
        CHECK (assign_new_clients_to_creator IN (0, 1)),
    password_recovery INTEGER NOT NULL DEFAULT 1 CHECK (password_recovery IN (0, 1)),
    time_zone TEXT NOT NULL DEFAULT ''
);
INSERT INTO site_settings_new SELECT * FROM site_settings;
DROP TABLE site_settings;
ALTER TABLE site_settings_new RENAME TO site_settings;

CREATE TABLE personnel_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    organization_id INTEGER NOT NULL REFERENCES organizations (id),
    name TEXT NOT NULL,
    email TEXT NOT NULL UNIQUE,
    job_title TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    supervisor_id INTEGER REFERENCES personnel (id),
    case_manager INTEGER NOT NULL DEFAULT 0 CHECK (case_manager IN (0, 1)),
    role_id INTEGER NOT NULL REFERENCES roles (id),
    status TEXT NOT NULL CHECK (status IN ('Active', 'Inactive', 'Pending')),
    site_administrator INTEGER NOT NULL DEFAULT 0 CHECK (site_administrator IN (0, 1)),
    password_hash TEXT NOT NULL,
    must_change_password INTEGER NOT NULL DEFAULT 1 CHECK (must_change_password IN (0, 1)),
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

CREATE TABLE clients_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    organization_id INTEGER NOT NULL REFERENCES organizations (id),
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    date_of_birth TEXT,
    identifier TEXT NOT NULL DEFAULT '',
    responsible_personnel_id INTEGER REFERENCES personnel (id),
    created_by INTEGER NOT NULL REFERENCES personnel (id),
    locked INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
    created_at BIGINT NOT NULL,
    first_name_folded TEXT,
    last_name_folded TEXT,
    identifier_folded TEXT
);
INSERT INTO clients_new SELECT * FROM clients;
DROP TABLE clients;
ALTER TABLE clients_new RENAME TO clients;
CREATE INDEX clients_by_folded_name ON clients (last_name_folded, first_name_folded, id);
CREATE INDEX clients_by_folded_first_name ON clients (first_name_folded, last_name_folded, id);
CREATE INDEX clients_by_folded_identifier ON clients (identifier_folded, last_name_folded, first_name_folded, id);
CREATE INDEX clients_by_birth_date ON clients (date_of_birth, last_name_folded, first_name_folded, id);
CREATE INDEX clients_by_responsible ON clients (responsible_personnel_id, last_name_folded, first_name_folded, id);

-- Every foreign key still holds: a violation fails the CHECK, and the
-- migration with it.
CREATE TEMP TABLE foreign_keys_hold (violations INTEGER NOT NULL CHECK (violations = 0));
INSERT INTO foreign_keys_hold SELECT COUNT(*) FROM pragma_foreign_key_check;
DROP TABLE foreign_keys_hold;

-- The next ids are the ones that came next before.
DELETE FROM sqlite_sequence WHERE name IN ('personnel', 'clients');
INSERT INTO sqlite_sequence (name, seq) SELECT name, seq FROM kept_sequences;
DROP TABLE kept_sequences;

COMMIT;

PRAGMA foreign_keys = ON;
