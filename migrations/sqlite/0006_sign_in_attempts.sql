-- Issue 7 (security): sign-in and password-recovery attempts are counted
-- before any hash is verified, for any e-mail, known or not.

-- One random key, made once on first use, for keyed hashes: the attempt
-- counters' account keys and the decoy security question of an e-mail.
CREATE TABLE site_secrets (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    attempt_key BLOB NOT NULL
);

-- Attempt counters, one row per limit: an account from one address
-- (account_key and address), an address across accounts (account_key = ''),
-- an account from all addresses (address = ''). account_key is the hex of
-- HMAC-SHA256(site_secrets.attempt_key, the normalized e-mail), so a row
-- exists for an e-mail that has no account as well as for one that has.
-- attempts counts the attempts of the window (a right one is taken back);
-- paused_until is set when the limit is reached by a failure. They replace
-- sign_in_failures and personnel.sign_in_locked_until (0001), no longer used.
CREATE TABLE sign_in_attempts (
    account_key TEXT NOT NULL,
    address TEXT NOT NULL,
    window_started_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL,
    paused_until BIGINT,
    PRIMARY KEY (account_key, address)
);

CREATE INDEX sign_in_attempts_by_window ON sign_in_attempts (window_started_at);
