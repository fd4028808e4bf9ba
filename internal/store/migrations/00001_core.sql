-- The ATS core schema, written once for SQLite and PostgreSQL.
--
-- Portable subset only: TEXT (UUIDv7 ids as TEXT primary keys), BIGINT,
-- BOOLEAN, TIMESTAMP, BYTEA. Times are always written from Go as UTC with
-- microsecond precision (sqldb.UTC); nothing here reads an SQL-side clock.
-- List-valued fields (phones, other emails, evaluations, history changes)
-- are JSON text encoded in Go, because neither engine's JSON operators are
-- part of the portable subset and nothing queries inside them.
--
-- Keys ending in _key are computed in Go (ats.NormalizeEmail, ats.FoldQuery,
-- ats.SearchKey), so case- and accent-insensitive uniqueness and search do
-- not depend on either engine's collation or lower().
--
-- Actor columns (created_by, author_id, …) carry no foreign key on purpose:
-- users are disabled, never deleted, and records written by the system or
-- imported from LinkedIn may name no local user. Lists join users with LEFT
-- JOIN for display names.

-- +goose Up

-- Users sign in with an email that is unique case-insensitively.
CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    email         TEXT NOT NULL,
    email_key     TEXT NOT NULL UNIQUE,  -- ats.NormalizeEmail(email)
    name          TEXT NOT NULL,
    name_key      TEXT NOT NULL,         -- ats.FoldQuery(name), the list order
    role          TEXT NOT NULL,
    disabled      BOOLEAN NOT NULL DEFAULT FALSE,
    password_hash TEXT NOT NULL DEFAULT '',
    person_urn    TEXT NOT NULL DEFAULT '',
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);
CREATE INDEX users_name_idx ON users (name_key, id);

-- API tokens: only the SHA-256 of the secret is kept, and looked up by it.
CREATE TABLE tokens (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    hash         BYTEA NOT NULL UNIQUE,
    created_at   TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP,
    last_used_at TIMESTAMP
);
CREATE INDEX tokens_user_idx ON tokens (user_id);

-- Web sessions for scs (store.SessionStore). Expired rows are ignored on
-- read and removed by DeleteExpiredSessions.
CREATE TABLE sessions (
    token  TEXT PRIMARY KEY,
    data   BYTEA NOT NULL,
    expiry TIMESTAMP NOT NULL
);
CREATE INDEX sessions_expiry_idx ON sessions (expiry);

-- Named counters behind the short numbers people read (J-1001, C-1001).
-- Seeded at 1000 so the first NextNumber returns 1001.
CREATE TABLE counters (
    name  TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);
INSERT INTO counters (name, value) VALUES ('job', 1000), ('candidate', 1000);

-- Organisation-wide hiring processes that jobs copy. At most one is the
-- default, enforced by a partial unique index.
CREATE TABLE process_templates (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    name_key   TEXT NOT NULL UNIQUE,     -- ats.FoldQuery(name)
    is_default BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX process_templates_one_default_idx ON process_templates (is_default) WHERE is_default;

CREATE TABLE template_phases (
    id          TEXT PRIMARY KEY,
    template_id TEXT NOT NULL REFERENCES process_templates (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    position    BIGINT NOT NULL,
    enabled     BOOLEAN NOT NULL
);
CREATE INDEX template_phases_template_idx ON template_phases (template_id, position);

-- Jobs own their phases, hiring team and applications: deleting a job
-- cascades to all of them. template_id records where the process was copied
-- from and has no foreign key, because the job keeps its own copy.
CREATE TABLE jobs (
    id              TEXT PRIMARY KEY,
    number          TEXT NOT NULL UNIQUE,
    title           TEXT NOT NULL,
    description     TEXT NOT NULL,
    city            TEXT NOT NULL,
    region          TEXT NOT NULL,
    country_code    TEXT NOT NULL,
    postal_code     TEXT NOT NULL,
    employment_type TEXT NOT NULL,
    openings        BIGINT NOT NULL,
    availability    TEXT NOT NULL,
    status          TEXT NOT NULL,
    close_reason    TEXT NOT NULL,
    template_id     TEXT NOT NULL,
    created_by      TEXT NOT NULL,
    search_key      TEXT NOT NULL,       -- ats.SearchKey(title, number)
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL,
    activated_at    TIMESTAMP,
    closed_at       TIMESTAMP
);
CREATE INDEX jobs_created_idx ON jobs (created_at, id);
CREATE INDEX jobs_status_created_idx ON jobs (status, created_at, id);

CREATE TABLE job_phases (
    id       TEXT PRIMARY KEY,
    job_id   TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    name     TEXT NOT NULL,
    kind     TEXT NOT NULL,
    position BIGINT NOT NULL,
    enabled  BOOLEAN NOT NULL
);
CREATE INDEX job_phases_job_idx ON job_phases (job_id, position);

-- One seat per user per job.
CREATE TABLE team_members (
    job_id  TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role    TEXT NOT NULL,
    PRIMARY KEY (job_id, user_id)
);
CREATE INDEX team_members_user_idx ON team_members (user_id);

-- Candidates exist independently of jobs. search_key (ats.SearchKey of the
-- name and every email) is what FindCandidates matches substrings in; the
-- per-engine migrations in migrations/sqlite and migrations/postgres add a
-- trigram index over it.
CREATE TABLE candidates (
    id                  TEXT PRIMARY KEY,
    number              TEXT NOT NULL UNIQUE,
    first_name          TEXT NOT NULL,
    last_name           TEXT NOT NULL,
    email               TEXT NOT NULL,   -- primary address as typed, '' if none
    other_emails        TEXT NOT NULL,   -- JSON array of strings
    phones              TEXT NOT NULL,   -- JSON array of strings
    address_line1       TEXT NOT NULL,
    address_line2       TEXT NOT NULL,
    address_city        TEXT NOT NULL,
    address_region      TEXT NOT NULL,
    address_postal_code TEXT NOT NULL,
    address_country     TEXT NOT NULL,
    company             TEXT NOT NULL,
    title               TEXT NOT NULL,
    linkedin_url        TEXT NOT NULL,
    person_urn          TEXT NOT NULL,
    source              TEXT NOT NULL,
    do_not_contact      BOOLEAN NOT NULL,
    search_key          TEXT NOT NULL,
    created_by          TEXT NOT NULL,
    created_at          TIMESTAMP NOT NULL,
    updated_at          TIMESTAMP NOT NULL
);
CREATE INDEX candidates_created_idx ON candidates (created_at, id);
-- Export intake finds candidates by LinkedIn person URN before email.
CREATE INDEX candidates_person_urn_idx ON candidates (person_urn) WHERE person_urn <> '';

-- Every address of a candidate, primary and other, normalised: the primary
-- key makes an email belong to at most one candidate, case-insensitively.
CREATE TABLE candidate_emails (
    email_key    TEXT PRIMARY KEY,       -- ats.NormalizeEmail(address)
    candidate_id TEXT NOT NULL REFERENCES candidates (id) ON DELETE CASCADE
);
CREATE INDEX candidate_emails_candidate_idx ON candidate_emails (candidate_id);

-- One application per candidate per job. Its phase must be one of the job's
-- phases; deleting a phase that still holds applications is refused.
CREATE TABLE applications (
    id               TEXT PRIMARY KEY,
    candidate_id     TEXT NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    job_id           TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    phase_id         TEXT NOT NULL REFERENCES job_phases (id),
    status           TEXT NOT NULL,
    rejection_reason TEXT NOT NULL,
    source           TEXT NOT NULL,
    prospect         BOOLEAN NOT NULL,
    created_by       TEXT NOT NULL,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL,
    UNIQUE (candidate_id, job_id)
);
CREATE INDEX applications_job_idx ON applications (job_id, created_at, id);
CREATE INDEX applications_phase_idx ON applications (phase_id, created_at, id);
CREATE INDEX applications_candidate_idx ON applications (candidate_id, created_at, id);

-- The phase history of an application. phase_id has no foreign key so the
-- history survives a phase being removed from a draft job's process.
CREATE TABLE phase_entries (
    id             TEXT PRIMARY KEY,
    application_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    phase_id       TEXT NOT NULL,
    entered_at     TIMESTAMP NOT NULL,
    entered_by     TEXT NOT NULL
);
CREATE INDEX phase_entries_application_idx ON phase_entries (application_id, entered_at, id);

-- Notes are about a candidate or an application (subject_kind). The subject
-- is polymorphic, so there is no foreign key: the store deletes a subject's
-- notes itself, in the transaction that deletes the subject, and records an
-- outbox delete for each.
CREATE TABLE notes (
    id           TEXT PRIMARY KEY,
    subject_kind TEXT NOT NULL,
    subject_id   TEXT NOT NULL,
    author_id    TEXT NOT NULL,
    body         TEXT NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL
);
CREATE INDEX notes_subject_idx ON notes (subject_kind, subject_id, created_at, id);

CREATE TABLE feedback (
    id             TEXT PRIMARY KEY,
    application_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    interviewer_id TEXT NOT NULL,
    interview_type TEXT NOT NULL,
    evaluations    TEXT NOT NULL,        -- JSON array of {attribute, result}
    recommendation TEXT NOT NULL,
    comments       TEXT NOT NULL,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL
);
CREATE INDEX feedback_application_idx ON feedback (application_id, created_at, id);

-- Talent pools: names unique case- and accent-insensitively. owner_id is ''
-- for system pools.
CREATE TABLE talent_pools (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    name_key    TEXT NOT NULL UNIQUE,    -- ats.FoldQuery(name), also the list order
    description TEXT NOT NULL,
    kind        TEXT NOT NULL,
    owner_id    TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);

-- Contributors keep the order they were given in.
CREATE TABLE pool_contributors (
    pool_id  TEXT NOT NULL REFERENCES talent_pools (id) ON DELETE CASCADE,
    user_id  TEXT NOT NULL,
    position BIGINT NOT NULL,
    PRIMARY KEY (pool_id, user_id)
);

CREATE TABLE pool_members (
    pool_id      TEXT NOT NULL REFERENCES talent_pools (id) ON DELETE CASCADE,
    candidate_id TEXT NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    added_by     TEXT NOT NULL,
    added_at     TIMESTAMP NOT NULL,
    PRIMARY KEY (pool_id, candidate_id)
);
CREATE INDEX pool_members_pool_idx ON pool_members (pool_id, added_at, candidate_id);
CREATE INDEX pool_members_candidate_idx ON pool_members (candidate_id);

-- The audit trail. It outlives what it describes: deleting a candidate keeps
-- the record that it existed and who deleted it.
CREATE TABLE history (
    id          TEXT PRIMARY KEY,
    entity_kind TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    action      TEXT NOT NULL,
    actor_id    TEXT NOT NULL,
    at          TIMESTAMP NOT NULL,
    changes     TEXT NOT NULL            -- JSON array of {field, from, to}
);
CREATE INDEX history_entity_idx ON history (entity_kind, entity_id, at, id);

-- The transactional outbox of changes to send to LinkedIn: one row per
-- entity, written in the transaction that changed it. A later change
-- overwrites op and parent and bumps version, so a burst of edits is sent
-- once (the sender reads the latest state when it sends).
CREATE TABLE outbox (
    entity_kind TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    op          TEXT NOT NULL,           -- 'upsert' or 'delete'
    version     BIGINT NOT NULL,
    parent_id   TEXT NOT NULL,
    updated_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (entity_kind, entity_id)
);
CREATE INDEX outbox_updated_idx ON outbox (updated_at, entity_kind, entity_id);

-- +goose Down
DROP TABLE outbox;
DROP TABLE history;
DROP TABLE pool_members;
DROP TABLE pool_contributors;
DROP TABLE talent_pools;
DROP TABLE feedback;
DROP TABLE notes;
DROP TABLE phase_entries;
DROP TABLE applications;
DROP TABLE candidate_emails;
DROP TABLE candidates;
DROP TABLE team_members;
DROP TABLE job_phases;
DROP TABLE jobs;
DROP TABLE template_phases;
DROP TABLE process_templates;
DROP TABLE counters;
DROP TABLE sessions;
DROP TABLE tokens;
DROP TABLE users;
