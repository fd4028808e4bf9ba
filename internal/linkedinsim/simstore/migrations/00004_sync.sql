-- Data the ATS syncs to LinkedIn through the RSC partner API (rsc-api.md
-- §3.5–§3.12): jobs and their creation tasks, candidates with their notes,
-- applications with their notes, interview feedback and stages, and the
-- ACLs that hide secured jobs from Recruiter seats that are not assignees.
--
-- Every record is keyed as LinkedIn keys it, within the ATS instance (child
-- app) that synced it: the app, the organization of its integrationContext
-- and the ATS's own id. Several ATS instances may be enabled on one
-- organization (Recruiter's "Change ATS", 1-Click Export's instance
-- picker); each reads, overwrites and deletes only its own records, and the
-- same ATS ids in two instances are two records. The record itself is kept
-- as canonical JSON (body) written by the service after validation, because
-- the partner API replaces whole records (PUT) and hands them back as they
-- were sent; only the columns that lookups, joins and cascades need are
-- broken out. Deleting an organization or an app (a world reset) removes
-- its data; deleting a candidate removes its notes, deleting an application
-- removes its notes, interview feedback and stages (rsc-api.md §3.8, §6.6).

-- +goose Up

-- Synced jobs (simpleJobPostings). job_posting_id is the number of the
-- urn:li:jobPosting the task status reports; it survives updates.
CREATE TABLE sync_jobs (
    app_id                  BIGINT NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    organization_id         BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    external_job_posting_id TEXT NOT NULL,
    job_posting_id          BIGINT NOT NULL UNIQUE,
    title                   TEXT NOT NULL,
    availability            TEXT NOT NULL,   -- PUBLIC, PRIVATE_TO_ATS_INTEGRATION or INTERNAL
    state                   TEXT NOT NULL,   -- LISTED or CLOSED
    body                    TEXT NOT NULL,   -- the job as last sent, canonical JSON
    created_at              TIMESTAMP NOT NULL,
    updated_at              TIMESTAMP NOT NULL,
    PRIMARY KEY (app_id, organization_id, external_job_posting_id)
);
-- The jobs a Recruiter seat sees are those of its organization, of every app.
CREATE INDEX sync_jobs_organization_idx ON sync_jobs (organization_id);

-- Job creation tasks (urn:li:simpleJobPostingTask:{uuid}), readable only by
-- the app that submitted them. A task reports IN_PROGRESS until ready_at,
-- then SUCCEEDED: rejected elements never get a task.
CREATE TABLE sync_job_tasks (
    id                      TEXT PRIMARY KEY,  -- the full task URN
    app_id                  BIGINT NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    organization_id         BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    external_job_posting_id TEXT NOT NULL,
    job_posting_id          BIGINT NOT NULL,
    created_at              TIMESTAMP NOT NULL,
    ready_at                TIMESTAMP NOT NULL,
    FOREIGN KEY (app_id, organization_id, external_job_posting_id)
        REFERENCES sync_jobs (app_id, organization_id, external_job_posting_id) ON DELETE CASCADE
);
CREATE INDEX sync_job_tasks_job_idx ON sync_job_tasks (app_id, organization_id, external_job_posting_id);

-- Synced candidates (atsCandidates). manual_matched_member is the person
-- URN attached by a partial update or the profile widget; a PUT that does
-- not name one keeps it.
CREATE TABLE sync_candidates (
    app_id                BIGINT NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    organization_id       BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    ats_candidate_id      TEXT NOT NULL,
    body                  TEXT NOT NULL,
    manual_matched_member TEXT,
    created_at            TIMESTAMP NOT NULL,
    updated_at            TIMESTAMP NOT NULL,
    PRIMARY KEY (app_id, organization_id, ats_candidate_id)
);
CREATE INDEX sync_candidates_organization_idx ON sync_candidates (organization_id);

-- Candidate notes (atsCandidates/{key}/notes).
CREATE TABLE sync_candidate_notes (
    app_id           BIGINT NOT NULL,
    organization_id  BIGINT NOT NULL,
    ats_candidate_id TEXT NOT NULL,
    note_id          TEXT NOT NULL,
    body             TEXT NOT NULL,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL,
    PRIMARY KEY (app_id, organization_id, ats_candidate_id, note_id),
    FOREIGN KEY (app_id, organization_id, ats_candidate_id)
        REFERENCES sync_candidates (app_id, organization_id, ats_candidate_id) ON DELETE CASCADE
);

-- Synced job applications (atsApplications). ats_job_posting_id names a
-- synced job of the same app and organization (checked by the service); the
-- candidate id is optional, as LinkedIn documents it.
CREATE TABLE sync_applications (
    app_id                 BIGINT NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    organization_id        BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    ats_job_application_id TEXT NOT NULL,
    ats_candidate_id       TEXT NOT NULL,   -- '' when the ATS sent none
    ats_job_posting_id     TEXT NOT NULL,
    body                   TEXT NOT NULL,
    created_at             TIMESTAMP NOT NULL,
    updated_at             TIMESTAMP NOT NULL,
    PRIMARY KEY (app_id, organization_id, ats_job_application_id)
);
CREATE INDEX sync_applications_job_idx ON sync_applications (app_id, organization_id, ats_job_posting_id);
CREATE INDEX sync_applications_candidate_idx ON sync_applications (app_id, organization_id, ats_candidate_id);

-- The sub-resources of an application: notes, interview feedback and
-- stages share one shape (an ATS id and a record), told apart by kind.
CREATE TABLE sync_application_items (
    app_id                 BIGINT NOT NULL,
    organization_id        BIGINT NOT NULL,
    ats_job_application_id TEXT NOT NULL,
    kind                   TEXT NOT NULL CHECK (kind IN ('note', 'interviewFeedback', 'stage')),
    item_id                TEXT NOT NULL,
    body                   TEXT NOT NULL,
    created_at             TIMESTAMP NOT NULL,
    updated_at             TIMESTAMP NOT NULL,
    PRIMARY KEY (app_id, organization_id, ats_job_application_id, kind, item_id),
    FOREIGN KEY (app_id, organization_id, ats_job_application_id)
        REFERENCES sync_applications (app_id, organization_id, ats_job_application_id) ON DELETE CASCADE
);

-- Entity ACLs (atsEntityAcls): the key is the data. A job is secured when
-- at least one ACL of the app that synced it names it.
CREATE TABLE sync_acls (
    app_id            BIGINT NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    organization_id   BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    ats_entity_acl_id TEXT NOT NULL,
    ats_entity_type   TEXT NOT NULL,   -- only JOB_POSTING is securable
    ats_entity_id     TEXT NOT NULL,   -- the job's externalJobPostingId
    created_at        TIMESTAMP NOT NULL,
    PRIMARY KEY (app_id, organization_id, ats_entity_acl_id, ats_entity_type, ats_entity_id)
);
CREATE INDEX sync_acls_entity_idx ON sync_acls (app_id, organization_id, ats_entity_type, ats_entity_id);

-- ACL assignees (atsEntityAclAssignees): members (person URNs) who may see
-- what the app's ACL of that id secures.
CREATE TABLE sync_acl_assignees (
    app_id            BIGINT NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    organization_id   BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    ats_entity_acl_id TEXT NOT NULL,
    ats_entity_type   TEXT NOT NULL,
    assignee          TEXT NOT NULL,   -- urn:li:person:{id}
    created_at        TIMESTAMP NOT NULL,
    PRIMARY KEY (app_id, organization_id, ats_entity_acl_id, ats_entity_type, assignee)
);
CREATE INDEX sync_acl_assignees_person_idx ON sync_acl_assignees (app_id, organization_id, assignee);

-- +goose Down
DROP TABLE sync_acl_assignees;
DROP TABLE sync_acls;
DROP TABLE sync_application_items;
DROP TABLE sync_applications;
DROP TABLE sync_candidate_notes;
DROP TABLE sync_candidates;
DROP TABLE sync_job_tasks;
DROP TABLE sync_jobs;
