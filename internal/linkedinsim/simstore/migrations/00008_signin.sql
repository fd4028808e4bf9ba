-- Member sign-in on LinkedIn's side and the 3-legged OAuth flow
-- (rsc-api.md §2.1, §3.18, §5.1): browser sessions of seat holders,
-- authorization codes and member access tokens. Same portable subset as
-- 00001. Only SHA-256 hashes of the secret values (session cookie, code,
-- token) are stored, and every reference cascades, so ResetWorld's deletes
-- of members and apps also clear these tables.

-- +goose Up

-- Simulator sessions (the li_at cookie): a seat holder signed in with
-- email and password. Expired rows are ignored on read and pruned when
-- their holder signs in again.
CREATE TABLE member_sessions (
    hash       BYTEA PRIMARY KEY,
    member_id  BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX member_sessions_member_idx ON member_sessions (member_id, expires_at);

-- Authorization codes of the 3-legged flow: single use (used_at set on
-- the first exchange), short-lived, bound to the app and the exact
-- redirect_uri of the authorization request.
CREATE TABLE authorization_codes (
    hash         BYTEA PRIMARY KEY,
    app_id       BIGINT NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    member_id    BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    redirect_uri TEXT NOT NULL,
    scope        TEXT NOT NULL,             -- space-separated, as granted
    created_at   TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP NOT NULL,
    used_at      TIMESTAMP
);

-- Member access tokens issued for a code. code_hash lets a replayed code
-- revoke what it issued (RFC 6749 §4.1.2).
CREATE TABLE member_tokens (
    hash       BYTEA PRIMARY KEY,
    app_id     BIGINT NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    member_id  BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    scope      TEXT NOT NULL,
    code_hash  BYTEA NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX member_tokens_code_idx ON member_tokens (code_hash);

-- +goose Down
DROP TABLE member_tokens;
DROP TABLE authorization_codes;
DROP TABLE member_sessions;
