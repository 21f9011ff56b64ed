-- Speed at an agency's size (issue 12): case-folded copies of the searched
-- names, written by the application (Rust's Unicode `to_lowercase`, so that
-- "Ā" finds "ā") and filled for existing rows by `safehold migrate`
-- (`app::case_folding::fill_folded_columns`). Lists are ordered and paged by
-- the folded names and the id, and searched as prefix ranges over them, so
-- every index below ends with the list's order: a page reads about as many
-- rows as it shows.

ALTER TABLE clients ADD COLUMN first_name_folded TEXT;
ALTER TABLE clients ADD COLUMN last_name_folded TEXT;
ALTER TABLE clients ADD COLUMN identifier_folded TEXT;
ALTER TABLE session_records ADD COLUMN title_folded TEXT;

DROP INDEX clients_by_name;
DROP INDEX clients_by_lower_last_name;
DROP INDEX clients_by_lower_first_name;
DROP INDEX clients_by_lower_identifier;
DROP INDEX clients_by_date_of_birth;
DROP INDEX clients_by_responsible;
DROP INDEX session_records_by_lower_title;

-- The list's order, and last-name prefixes.
CREATE INDEX clients_by_folded_name ON clients (last_name_folded, first_name_folded, id);
-- First-name prefixes, identifier prefixes and dates of birth, each followed
-- by the list's order.
CREATE INDEX clients_by_folded_first_name ON clients (first_name_folded, last_name_folded, id);
CREATE INDEX clients_by_folded_identifier ON clients (identifier_folded, last_name_folded, first_name_folded, id);
CREATE INDEX clients_by_birth_date ON clients (date_of_birth, last_name_folded, first_name_folded, id);
-- "My clients", and the clients linked to a person by responsibility.
CREATE INDEX clients_by_responsible ON clients (responsible_personnel_id, last_name_folded, first_name_folded, id);
