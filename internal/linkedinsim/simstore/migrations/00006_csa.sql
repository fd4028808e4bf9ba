-- What Recruiter users and members do on LinkedIn that the contract-level
-- CSA_API feeds expose (rsc-api.md §3.14–§3.17, §6.5): InMail
-- conversations between a seat and a member, the members' replies with
-- their consent to share contact info, the stub profiles those replies
-- create, prospect notes, Recruiter projects, and closed member profiles.
--
-- Every row carries the seat and the contract it was done under: a seat
-- acts only within its contract, and the feeds are read per contract (or
-- per seat). Deleting a seat, contract or member (a world reset) removes
-- what hangs off it. Ids come from named counters (NextSyncSequence).

-- +goose Up

-- InMail conversations (threads): one seat writing to one member.
CREATE TABLE csa_conversations (
    id          BIGINT PRIMARY KEY,
    seat_id     BIGINT NOT NULL REFERENCES seats (id) ON DELETE CASCADE,
    contract_id BIGINT NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
    member_id   BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    subject     TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL
);

-- Messages of a conversation: the seat's InMail and the member's replies.
-- seat_id, contract_id and member_id repeat the conversation's, so the
-- conversationEvents feed (per viewer seat, by time) reads one index.
-- The consent flags are meaningful on member replies only.
CREATE TABLE csa_messages (
    id              BIGINT PRIMARY KEY,
    conversation_id BIGINT NOT NULL REFERENCES csa_conversations (id) ON DELETE CASCADE,
    seat_id         BIGINT NOT NULL REFERENCES seats (id) ON DELETE CASCADE,
    contract_id     BIGINT NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
    member_id       BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    sender          TEXT NOT NULL CHECK (sender IN ('seat', 'member')),
    body            TEXT NOT NULL,
    share_profile   BOOLEAN NOT NULL,
    share_email     BOOLEAN NOT NULL,
    sent_at         TIMESTAMP NOT NULL
);
CREATE INDEX csa_messages_seat_idx ON csa_messages (seat_id, sent_at, id);
CREATE INDEX csa_messages_conversation_idx ON csa_messages (conversation_id, sent_at, id);

-- Stub profiles (mailStubs): created by the first reply of a conversation
-- that shares the member's profile; email is '' unless the reply also
-- shared it. Names are copied at creation, as LinkedIn hands the ATS a
-- snapshot of what the member agreed to share.
CREATE TABLE csa_mail_stubs (
    id              BIGINT PRIMARY KEY,
    conversation_id BIGINT NOT NULL UNIQUE REFERENCES csa_conversations (id) ON DELETE CASCADE,
    message_id      BIGINT NOT NULL REFERENCES csa_messages (id) ON DELETE CASCADE,
    seat_id         BIGINT NOT NULL REFERENCES seats (id) ON DELETE CASCADE,
    contract_id     BIGINT NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
    member_id       BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    first_name      TEXT NOT NULL,
    last_name       TEXT NOT NULL,
    email           TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL
);
CREATE INDEX csa_mail_stubs_contract_idx ON csa_mail_stubs (contract_id, created_at, id);

-- Recruiter prospect notes. A delete keeps the row with active = FALSE and
-- a new updated_at, so the prospectNotes feed (by last-updated time) can
-- tell the ATS to delete its copy.
CREATE TABLE csa_notes (
    id          BIGINT PRIMARY KEY,
    seat_id     BIGINT NOT NULL REFERENCES seats (id) ON DELETE CASCADE,
    contract_id BIGINT NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
    member_id   BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    note        TEXT NOT NULL,
    active      BOOLEAN NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);
CREATE INDEX csa_notes_contract_idx ON csa_notes (contract_id, updated_at, id);

-- Recruiter projects of a contract, created by a seat; names are unique
-- within the contract.
CREATE TABLE csa_projects (
    id          BIGINT PRIMARY KEY,
    seat_id     BIGINT NOT NULL REFERENCES seats (id) ON DELETE CASCADE,
    contract_id BIGINT NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    UNIQUE (contract_id, name)
);

-- Members saved to a project.
CREATE TABLE csa_project_members (
    project_id BIGINT NOT NULL REFERENCES csa_projects (id) ON DELETE CASCADE,
    member_id  BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    added_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (project_id, member_id)
);

-- When a member closed their profile. members.closed is the flag every
-- reader checks; this row keeps the time, for the closed-profile checks
-- partners must run (rsc-api.md §3.19).
CREATE TABLE csa_member_closures (
    member_id BIGINT PRIMARY KEY REFERENCES members (id) ON DELETE CASCADE,
    closed_at TIMESTAMP NOT NULL
);

-- +goose Down
DROP TABLE csa_member_closures;
DROP TABLE csa_project_members;
DROP TABLE csa_projects;
DROP TABLE csa_notes;
DROP TABLE csa_mail_stubs;
DROP TABLE csa_messages;
DROP TABLE csa_conversations;
