-- The protection of records (spec, "Things"): allowed personnel of clients,
-- access rules on records, organization default rules, and break-glass
-- overrides. Issues 5 and 6 build on these tables; the personnel directory
-- (issue 4) reads them to know when a person or a team may be deleted.

CREATE TABLE client_allowed_personnel (
    client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    personnel_id INTEGER NOT NULL REFERENCES personnel (id),
    PRIMARY KEY (client_id, personnel_id)
);

CREATE INDEX client_allowed_personnel_by_personnel ON client_allowed_personnel (personnel_id);

-- A rule on one record; exactly one of personnel_id and team_id is set.
-- `record_kind` is 'client' or 'session_record'.
CREATE TABLE access_rules (
    id INTEGER PRIMARY KEY,
    record_kind TEXT NOT NULL CHECK (record_kind IN ('client', 'session_record')),
    record_id BIGINT NOT NULL,
    personnel_id INTEGER REFERENCES personnel (id),
    team_id INTEGER REFERENCES teams (id),
    effect TEXT NOT NULL CHECK (effect IN ('grant', 'deny')),
    CHECK ((personnel_id IS NULL) <> (team_id IS NULL))
);

-- At most one rule per subject on a record (spec: "change its effect instead").
CREATE UNIQUE INDEX access_rules_one_per_person ON access_rules (record_kind, record_id, personnel_id)
    WHERE personnel_id IS NOT NULL;
CREATE UNIQUE INDEX access_rules_one_per_team ON access_rules (record_kind, record_id, team_id)
    WHERE team_id IS NOT NULL;
CREATE INDEX access_rules_by_personnel ON access_rules (personnel_id);
CREATE INDEX access_rules_by_team ON access_rules (team_id);

-- An organization's default rules: apply to every record it owns.
CREATE TABLE default_rules (
    id INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations (id),
    personnel_id INTEGER REFERENCES personnel (id),
    team_id INTEGER REFERENCES teams (id),
    effect TEXT NOT NULL CHECK (effect IN ('grant', 'deny')),
    CHECK ((personnel_id IS NULL) <> (team_id IS NULL))
);

CREATE UNIQUE INDEX default_rules_one_per_person ON default_rules (organization_id, personnel_id)
    WHERE personnel_id IS NOT NULL;
CREATE UNIQUE INDEX default_rules_one_per_team ON default_rules (organization_id, team_id)
    WHERE team_id IS NOT NULL;

-- Break-glass overrides, which are also the override log: never updated or
-- deleted (the triggers refuse it).
CREATE TABLE overrides (
    id INTEGER PRIMARY KEY,
    personnel_id INTEGER NOT NULL REFERENCES personnel (id),
    record_kind TEXT NOT NULL CHECK (record_kind IN ('client', 'session_record')),
    record_id BIGINT NOT NULL,
    reason TEXT NOT NULL,
    granted_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);

CREATE INDEX overrides_by_record ON overrides (record_kind, record_id, personnel_id, expires_at);
CREATE INDEX overrides_by_time ON overrides (granted_at);

CREATE TRIGGER overrides_no_update BEFORE UPDATE ON overrides
BEGIN
    SELECT RAISE(ABORT, 'the override log cannot be changed');
END;

CREATE TRIGGER overrides_no_delete BEFORE DELETE ON overrides
BEGIN
    SELECT RAISE(ABORT, 'the override log cannot be deleted from');
END;
