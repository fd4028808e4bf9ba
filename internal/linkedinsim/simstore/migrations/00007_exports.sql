-- 1-Click Export (rsc-api.md §3.13, §6.3; recruiter-surfaces.md A.2): a
-- Recruiter seat exports a member to a synced job of one ATS instance;
-- LinkedIn keeps the exported-candidate record, pushes
-- EXPORT_CANDIDATE_PROFILE with its request id to the app's CALLBACK_URL,
-- and serves the record through exportedCandidates?q=request&requestId=.
--
-- The member's profile is copied at export time: the record is the stub
-- LinkedIn produced then, not a live view of the member. Every reference
-- cascades, so ResetWorld's deletes of apps, seats, contracts,
-- organizations and members also clear this table.

-- +goose Up

CREATE TABLE exported_candidates (
    request_id              TEXT PRIMARY KEY,  -- the push id and the finder's requestId
    app_id                  BIGINT NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    organization_id         BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    contract_id             BIGINT NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
    seat_id                 BIGINT NOT NULL REFERENCES seats (id) ON DELETE CASCADE,
    exporter_person_urn     TEXT NOT NULL,     -- the member holding the exporting seat
    member_id               BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    person_urn              TEXT NOT NULL,     -- the exported member
    first_name              TEXT NOT NULL,
    last_name               TEXT NOT NULL,
    headline                TEXT NOT NULL,
    company                 TEXT NOT NULL,
    title                   TEXT NOT NULL,
    location                TEXT NOT NULL,
    profile_url             TEXT NOT NULL,
    external_job_posting_id TEXT NOT NULL,     -- the ATS job picked in the export panel
    job_title               TEXT NOT NULL,
    exported_at             TIMESTAMP NOT NULL
);
-- An app's exports in time order; a seat's exports (the monthly limit, a
-- Recruiter history page); a member's exports (closed-profile requests);
-- the last two also keep the cascading deletes of seats and members cheap.
CREATE INDEX exported_candidates_app_idx ON exported_candidates (app_id, exported_at);
CREATE INDEX exported_candidates_seat_idx ON exported_candidates (seat_id, exported_at);
CREATE INDEX exported_candidates_member_idx ON exported_candidates (member_id);

-- +goose Down

DROP TABLE exported_candidates;
