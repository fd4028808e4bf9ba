-- The LinkedIn integration: the sync engine's retry schedule on the outbox,
-- users' LinkedIn identities, the one integration row and its historical
-- sync progress, permanent sync failures, push notification ids already
-- handled, and a mirror of what LinkedIn holds (ats.LinkedInTx).
--
-- Same portable subset as 00001: TEXT, BIGINT, BOOLEAN, TIMESTAMP written
-- as UTC from Go, no SQL-side clock.

-- +goose Up

-- The drainer retries a failed send with backoff: attempts counts failed
-- sends of the current version, not_before is when the next may be made.
-- Every upsert of a row (a new change) resets both, so not_before is never
-- NULL after this migration's backfill; the column stays nullable only
-- because SQLite cannot add a NOT NULL column without a constant default.
-- parent_kind says what parent_id is: a note's subject may be a candidate
-- or an application.
ALTER TABLE outbox ADD COLUMN parent_kind TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN attempts BIGINT NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN not_before TIMESTAMP;
UPDATE outbox SET not_before = updated_at;
UPDATE outbox SET parent_kind = 'application' WHERE entity_kind IN ('stage', 'feedback');
UPDATE outbox SET parent_kind = (SELECT n.subject_kind FROM notes n WHERE n.id = outbox.entity_id)
WHERE entity_kind = 'note' AND EXISTS (SELECT 1 FROM notes n WHERE n.id = outbox.entity_id);
-- The drainer asks per kind for rows due now, oldest change first.
CREATE INDEX outbox_due_idx ON outbox (entity_kind, not_before, updated_at, entity_id);
-- It sleeps until the earliest next attempt of any kind.
CREATE INDEX outbox_not_before_idx ON outbox (not_before);

-- seat_urn is the Recruiter seat CSA maps the user's member to. Inbound
-- events name a member (person_urn), which finds the user; not unique,
-- because a disabled user may still carry the URN of their successor.
ALTER TABLE users ADD COLUMN seat_urn TEXT NOT NULL DEFAULT '';
CREATE INDEX users_person_urn_idx ON users (person_urn) WHERE person_urn <> '';

-- The instance's one connection to LinkedIn (ats.LinkedInIntegration but
-- its progress). The CHECK keeps it to a single row. No row reads as not
-- connected.
CREATE TABLE linkedin_integration (
    id                BIGINT PRIMARY KEY CHECK (id = 1),
    stage             TEXT NOT NULL,
    access_level      TEXT NOT NULL,
    instance_id       TEXT NOT NULL,      -- uniqueForeignId, saved before the app is created
    app_urn           TEXT NOT NULL,
    client_id         TEXT NOT NULL,
    client_secret     TEXT NOT NULL,
    organization      TEXT NOT NULL,
    contract          TEXT NOT NULL,
    request_id        TEXT NOT NULL,
    job_availability  TEXT NOT NULL,
    status_changed_at TIMESTAMP,
    updated_at        TIMESTAMP NOT NULL
);

-- The historical sync's progress, its own single row so progress writes
-- never overwrite (or conflict with) setup-flow writes to the integration.
CREATE TABLE linkedin_sync_progress (
    id          BIGINT PRIMARY KEY CHECK (id = 1),
    state       TEXT NOT NULL,
    kind        TEXT NOT NULL,
    cursor_id   TEXT NOT NULL,        -- every entity of kind with id <= this was sent
    done        BIGINT NOT NULL,
    total       BIGINT NOT NULL,
    started_at  TIMESTAMP,
    finished_at TIMESTAMP
);

-- Entities LinkedIn refused for good, one per entity, listed for an admin
-- until a later send succeeds or the admin retries them.
CREATE TABLE sync_failures (
    entity_kind TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    parent_kind TEXT NOT NULL,
    parent_id   TEXT NOT NULL,
    op          TEXT NOT NULL,
    status      BIGINT NOT NULL,      -- the HTTP status of the refusal
    message     TEXT NOT NULL,
    attempts    BIGINT NOT NULL,
    failed_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (entity_kind, entity_id)
);
CREATE INDEX sync_failures_failed_idx ON sync_failures (failed_at, entity_kind, entity_id);

-- Push notification ids already handled: LinkedIn may deliver one twice.
CREATE TABLE linkedin_notifications (
    id          TEXT PRIMARY KEY,
    received_at TIMESTAMP NOT NULL
);

-- What LinkedIn holds, as far as the sync engine must know to choose an
-- operation: a row ('job', id) once the job was created there, and a row
-- ('team', job id) while the job's ACL exists, with data the JSON array of
-- person URNs last sent (so removed assignees can be deleted).
CREATE TABLE linkedin_sent (
    entity_kind TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    data        TEXT NOT NULL,
    PRIMARY KEY (entity_kind, entity_id)
);

-- +goose Down
DROP TABLE linkedin_sent;
DROP TABLE linkedin_notifications;
DROP TABLE sync_failures;
DROP TABLE linkedin_sync_progress;
DROP TABLE linkedin_integration;
DROP INDEX users_person_urn_idx;
ALTER TABLE users DROP COLUMN seat_urn;
DROP INDEX outbox_not_before_idx;
DROP INDEX outbox_due_idx;
ALTER TABLE outbox DROP COLUMN not_before;
ALTER TABLE outbox DROP COLUMN attempts;
ALTER TABLE outbox DROP COLUMN parent_kind;
