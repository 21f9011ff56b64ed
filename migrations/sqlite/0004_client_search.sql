-- The client search at scale (issue 5): name and identifier prefixes are
-- searched as ranges over lower-cased expression indexes, and "my clients"
-- by responsible personnel. SQLite and PostgreSQL both index expressions.

CREATE INDEX clients_by_lower_last_name ON clients (LOWER(last_name));
CREATE INDEX clients_by_lower_first_name ON clients (LOWER(first_name));
CREATE INDEX clients_by_lower_identifier ON clients (LOWER(identifier));
CREATE INDEX clients_by_date_of_birth ON clients (date_of_birth);
CREATE INDEX clients_by_responsible ON clients (responsible_personnel_id);

-- The list filter asks, once per search, for the person's own rules, their
-- teams' rules and their overrides: covering indexes that start with who.
CREATE INDEX access_rules_by_personnel_kind ON access_rules (personnel_id, record_kind, effect, record_id);
CREATE INDEX access_rules_by_team_kind ON access_rules (team_id, record_kind, effect, record_id);
CREATE INDEX overrides_by_personnel ON overrides (personnel_id, record_kind, expires_at, granted_at, record_id);
