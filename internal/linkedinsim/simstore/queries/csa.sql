-- Queries of the contract-level (CSA_API) domain: InMail, stubs, prospect
-- notes, projects and closed profiles (migration 00006_csa.sql).

-- name: InsertCSAConversation :exec
INSERT INTO csa_conversations (id, seat_id, contract_id, member_id, subject, created_at)
VALUES ($1, $2, $3, $4, $5, $6);

-- name: GetCSAConversation :one
SELECT * FROM csa_conversations WHERE id = $1;

-- name: InsertCSAMessage :exec
INSERT INTO csa_messages (id, conversation_id, seat_id, contract_id, member_id, sender, body,
                          share_profile, share_email, sent_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10);

-- name: ListCSAMessagesOfConversation :many
SELECT * FROM csa_messages WHERE conversation_id = $1 ORDER BY sent_at, id;

-- name: ListCSASeatMessages :many
-- The conversationEvents feed of one seat: messages sent in [from, to).
SELECT * FROM csa_messages
WHERE seat_id = $1 AND sent_at >= $2 AND sent_at < $3
ORDER BY sent_at, id;

-- name: InsertCSAMailStub :execrows
-- Only the first consenting reply of a conversation creates its stub.
INSERT INTO csa_mail_stubs (id, conversation_id, message_id, seat_id, contract_id, member_id,
                            first_name, last_name, email, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
ON CONFLICT (conversation_id) DO NOTHING;

-- name: GetCSAMailStubOfConversation :one
SELECT * FROM csa_mail_stubs WHERE conversation_id = $1;

-- name: ListCSAMailStubs :many
-- The mailStubs feed of one contract: stubs created in [from, to), without
-- those of members who have since closed their profile.
SELECT st.* FROM csa_mail_stubs st JOIN members m ON m.id = st.member_id
WHERE st.contract_id = $1 AND st.created_at >= $2 AND st.created_at < $3 AND m.closed = FALSE
ORDER BY st.created_at, st.id;

-- name: InsertCSANote :exec
INSERT INTO csa_notes (id, seat_id, contract_id, member_id, note, active, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8);

-- name: GetCSANote :one
SELECT * FROM csa_notes WHERE id = $1;

-- name: UpdateCSANote :execrows
-- Edits or deletes (active = FALSE) a note that is still active.
UPDATE csa_notes SET note = $2, active = $3, updated_at = $4
WHERE id = $1 AND active = TRUE;

-- name: ListCSANotes :many
-- The prospectNotes feed of one contract: notes last updated in
-- (after, upTo], deleted ones included.
SELECT * FROM csa_notes
WHERE contract_id = $1 AND updated_at > $2 AND updated_at <= $3
ORDER BY updated_at, id;

-- name: InsertCSAProject :exec
INSERT INTO csa_projects (id, seat_id, contract_id, name, created_at) VALUES ($1, $2, $3, $4, $5);

-- name: GetCSAProject :one
SELECT * FROM csa_projects WHERE id = $1;

-- name: InsertCSAProjectMember :execrows
INSERT INTO csa_project_members (project_id, member_id, added_at) VALUES ($1, $2, $3)
ON CONFLICT (project_id, member_id) DO NOTHING;

-- name: GetCSAProjectMember :one
SELECT * FROM csa_project_members WHERE project_id = $1 AND member_id = $2;

-- name: ListCSAProjectMembers :many
SELECT * FROM csa_project_members WHERE project_id = $1 ORDER BY added_at, member_id;

-- name: CloseCSAMember :execrows
-- Marks an open member closed; a closed one is left alone.
UPDATE members SET closed = TRUE WHERE id = $1 AND closed = FALSE;

-- name: InsertCSAMemberClosure :exec
INSERT INTO csa_member_closures (member_id, closed_at) VALUES ($1, $2);

-- name: GetCSAMemberClosure :one
SELECT * FROM csa_member_closures WHERE member_id = $1;

-- name: ListCSAContractSeats :many
-- The seats of one contract with their holders, for seats and seatsV2.
SELECT s.id, s.contract_id, s.is_admin, s.active, s.created_at,
       m.id AS member_id, m.person_urn, m.first_name, m.last_name
FROM seats s JOIN members m ON m.id = s.member_id
WHERE s.contract_id = $1
ORDER BY s.id;
