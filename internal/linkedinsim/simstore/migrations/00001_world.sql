-- The simulator's world schema, written once for SQLite and PostgreSQL in
-- the same portable subset as the ATS (see internal/store): TEXT, BIGINT,
-- BOOLEAN, TIMESTAMP, BYTEA; times always written from Go in UTC; no
-- SQL-side clock. List-valued fields are JSON text encoded in Go.
--
-- Ids are BIGINT chosen by the generator (world rows) or taken from the
-- counters table (rows created at run time), because LinkedIn URNs carry
-- numbers (urn:li:organization:1001) and the world must be reproducible
-- from its seed. Keys ending in _key are computed in Go, so case- and
-- accent-insensitive lookups do not depend on either engine's collation.
--
-- Later waves add integrations, configurations, jobs, candidates,
-- applications, notes, ACLs, exports, InMail and projects in new files
-- (00002_…); everything they reference (apps, organizations, contracts,
-- seats, members) is here.

-- +goose Up

-- World-level facts the summary publishes: the seed, the control API token,
-- the seat holders' sign-in password, the partner's credentials and the key
-- that derives child app secrets. The simulator is a test double, so these
-- are deliberately readable; nothing of a real user lives here.
CREATE TABLE settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Named sequences for ids created at run time (developer apps, later
-- integrations, exports, InMails). The generator seeds them above the ids
-- it used.
CREATE TABLE counters (
    name  TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);

-- LinkedIn members. A million rows is a normal world, so only the columns
-- that lookups need are indexed: the person URN and profile URL (exact
-- matches), the email key (exact match and uniqueness) and the name key
-- (name suggestions, ordered listing).
CREATE TABLE members (
    id           BIGINT PRIMARY KEY,
    person_urn   TEXT NOT NULL UNIQUE,      -- urn:li:person:{id}
    first_name   TEXT NOT NULL,
    last_name    TEXT NOT NULL,
    name_key     TEXT NOT NULL,             -- folded "first last": lower case, no accents
    email        TEXT NOT NULL,
    email_key    TEXT NOT NULL UNIQUE,      -- lower-cased email
    headline     TEXT NOT NULL,
    company      TEXT NOT NULL,
    title        TEXT NOT NULL,
    location     TEXT NOT NULL,
    profile_url  TEXT NOT NULL UNIQUE,      -- https://www.linkedin.com/in/{slug}
    open_to_work BOOLEAN NOT NULL,
    closed       BOOLEAN NOT NULL DEFAULT FALSE,  -- the member closed their account
    created_at   TIMESTAMP NOT NULL
);
CREATE INDEX members_name_idx ON members (name_key, id);

-- Customer companies (urn:li:organization:{id}): the integration context of
-- company-level RSC features.
CREATE TABLE organizations (
    id         BIGINT PRIMARY KEY,
    name       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

-- Recruiter contracts (urn:li:contract:{id}) of an organization: the
-- integration context of contract-level features (CSA_API).
CREATE TABLE contracts (
    id              BIGINT PRIMARY KEY,
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL
);
CREATE INDEX contracts_org_idx ON contracts (organization_id, id);

-- Recruiter seats (urn:li:seat:{id}): a member's licence on one contract.
-- A member holds at most one seat per contract; contract admins may enable
-- ATS integrations.
CREATE TABLE seats (
    id          BIGINT PRIMARY KEY,
    contract_id BIGINT NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
    member_id   BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    is_admin    BOOLEAN NOT NULL,
    active      BOOLEAN NOT NULL DEFAULT TRUE,
    created_at  TIMESTAMP NOT NULL,
    UNIQUE (contract_id, member_id)
);
CREATE INDEX seats_member_idx ON seats (member_id);

-- Developer applications (urn:li:developerApplication:{id}). The partner's
-- parent app may only provision; each child app is one ATS customer
-- instance, unique per parent by the partner's unique_foreign_id. Only the
-- SHA-256 of a secret is kept for authentication.
CREATE TABLE apps (
    id                   BIGINT PRIMARY KEY,
    client_id            TEXT NOT NULL UNIQUE,
    secret_hash          BYTEA NOT NULL,
    kind                 TEXT NOT NULL CHECK (kind IN ('parent', 'child')),
    parent_id            BIGINT REFERENCES apps (id) ON DELETE CASCADE,
    unique_foreign_id    TEXT,
    name                 TEXT NOT NULL,
    description          TEXT NOT NULL,
    valid_js_sdk_domains TEXT NOT NULL,     -- JSON array of origins
    oauth2_callback_urls TEXT NOT NULL,     -- JSON array of URLs
    created_at           TIMESTAMP NOT NULL,
    updated_at           TIMESTAMP NOT NULL,
    UNIQUE (parent_id, unique_foreign_id)
);

-- Client-credentials access tokens: only the SHA-256 of the opaque token is
-- stored, and looked up by it.
CREATE TABLE access_tokens (
    hash       BYTEA PRIMARY KEY,
    app_id     BIGINT NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    expires_at TIMESTAMP NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX access_tokens_expiry_idx ON access_tokens (expires_at);

-- +goose Down
DROP TABLE access_tokens;
DROP TABLE apps;
DROP TABLE seats;
DROP TABLE contracts;
DROP TABLE organizations;
DROP TABLE members;
DROP TABLE counters;
DROP TABLE settings;
