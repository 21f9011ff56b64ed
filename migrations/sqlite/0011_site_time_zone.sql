-- The agency's time zone (an IANA name) in which pages show times; empty
-- means the server's own zone (spec: staff read local time; the CSV keeps
-- UTC).
ALTER TABLE site_settings ADD COLUMN time_zone TEXT NOT NULL DEFAULT '';
