-- Group and family (whānau) sessions (seed 003, issue 6). A session record
-- follows the same rulebook as a client: its own access rules (access_rules
-- with record_kind 'session_record'), its organization's default rules, and
-- overrides. Facilitators are personnel; attendees are clients.

CREATE TABLE session_records (
    id INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations (id),
    title TEXT NOT NULL,
    -- The day it was held, as YYYY-MM-DD.
    held_on TEXT NOT NULL,
    created_by INTEGER NOT NULL REFERENCES personnel (id),
    created_at BIGINT NOT NULL
);

CREATE INDEX session_records_by_day ON session_records (held_on, id);
CREATE INDEX session_records_by_lower_title ON session_records (LOWER(title));

CREATE TABLE session_facilitators (
    session_record_id INTEGER NOT NULL REFERENCES session_records (id) ON DELETE CASCADE,
    personnel_id INTEGER NOT NULL REFERENCES personnel (id),
    PRIMARY KEY (session_record_id, personnel_id)
);

CREATE INDEX session_facilitators_by_personnel ON session_facilitators (personnel_id);

CREATE TABLE session_attendees (
    session_record_id INTEGER NOT NULL REFERENCES session_records (id) ON DELETE CASCADE,
    client_id INTEGER NOT NULL REFERENCES clients (id),
    PRIMARY KEY (session_record_id, client_id)
);

CREATE INDEX session_attendees_by_client ON session_attendees (client_id);
