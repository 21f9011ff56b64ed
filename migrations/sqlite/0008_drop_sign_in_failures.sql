-- Issue 7 (security): sign-in failures are counted in sign_in_attempts
-- (0006). The old table is no longer written or read; rows left from before
-- 0006 would only block deleting the accounts they name (foreign key), so
-- it goes.
DROP TABLE sign_in_failures;
