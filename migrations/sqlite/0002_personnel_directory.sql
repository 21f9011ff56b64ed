-- The personnel directory (issue 4): the rest of a staff account, the site
-- settings, and the audit trail. Timestamps are seconds since the Unix epoch.

ALTER TABLE personnel ADD COLUMN default_location TEXT NOT NULL DEFAULT '';
-- Support-issue capability: 'unable' (unable to submit), 'internal' (submit
-- internally), 'vendor' (submit to the vendor).
ALTER TABLE personnel ADD COLUMN support_issues TEXT NOT NULL DEFAULT 'unable'
    CHECK (support_issues IN ('unable', 'internal', 'vendor'));
ALTER TABLE personnel ADD COLUMN security_question TEXT;
-- argon2id of the answer, trimmed and lower-cased first.
ALTER TABLE personnel ADD COLUMN security_answer_hash TEXT;

CREATE INDEX personnel_by_supervisor ON personnel (supervisor_id);

-- One row: the site settings (seed 002, issue 4's password recovery switch).
CREATE TABLE site_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    client_visibility TEXT NOT NULL DEFAULT 'all_users'
        CHECK (client_visibility IN ('all_users', 'responsible_user')),
    assign_new_clients_to_creator BOOLEAN NOT NULL DEFAULT FALSE,
    password_recovery BOOLEAN NOT NULL DEFAULT TRUE
);

INSERT INTO site_settings (id) VALUES (1);

-- The audit trail: who, when, what, before and after (JSON text). Written
-- in the same transaction as the change it records; never updated or
-- deleted (the triggers refuse it).
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at BIGINT NOT NULL,
    actor_id INTEGER REFERENCES personnel (id),
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id BIGINT,
    before_value TEXT,
    after_value TEXT
);

CREATE INDEX audit_log_by_entity ON audit_log (entity, entity_id, at);
CREATE INDEX audit_log_by_actor ON audit_log (actor_id, at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log cannot be changed');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log cannot be deleted from');
END;
