-- A record's own rules, read for every profile and session page (issue 12):
-- the unique indexes on (record_kind, record_id, ...) are partial (one per
-- person, one per team), so a lookup by record alone read the whole table
-- (0.5 ms at 20,000 rules, most of a profile page's database time).
CREATE INDEX access_rules_by_record ON access_rules (record_kind, record_id);
