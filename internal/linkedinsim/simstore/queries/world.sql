-- name: SetSetting :exec
INSERT INTO settings (name, value) VALUES ($1, $2)
ON CONFLICT (name) DO UPDATE SET value = excluded.value;

-- name: GetSetting :one
SELECT value FROM settings WHERE name = $1;

-- name: ListSettings :many
SELECT * FROM settings ORDER BY name;

-- name: SetCounter :exec
INSERT INTO counters (name, value) VALUES ($1, $2)
ON CONFLICT (name) DO UPDATE SET value = excluded.value;

-- name: NextCounter :one
-- Increments and returns in one statement, so two writers never get the
-- same number (SQLite has one writer; PostgreSQL locks the row).
UPDATE counters SET value = value + 1 WHERE name = $1 RETURNING value;

-- name: InsertOrganization :exec
INSERT INTO organizations (id, name, created_at) VALUES ($1, $2, $3);

-- name: ListOrganizations :many
SELECT * FROM organizations ORDER BY id;

-- name: InsertContract :exec
INSERT INTO contracts (id, organization_id, name, created_at) VALUES ($1, $2, $3, $4);

-- name: ListContracts :many
SELECT * FROM contracts ORDER BY organization_id, id;

-- name: InsertSeat :exec
INSERT INTO seats (id, contract_id, member_id, is_admin, active, created_at)
VALUES ($1, $2, $3, $4, $5, $6);

-- name: ListSeatHolders :many
-- Every seat with the member who holds it, for the world summary.
SELECT s.id, s.contract_id, s.is_admin, s.active,
       m.id AS member_id, m.person_urn, m.first_name, m.last_name, m.email
FROM seats s JOIN members m ON m.id = s.member_id
ORDER BY s.contract_id, s.id;

-- name: DeleteAccessTokens :exec
DELETE FROM access_tokens;

-- name: DeleteApps :exec
DELETE FROM apps;

-- name: DeleteSeats :exec
DELETE FROM seats;

-- name: DeleteContracts :exec
DELETE FROM contracts;

-- name: DeleteOrganizations :exec
DELETE FROM organizations;

-- name: DeleteMembers :exec
DELETE FROM members;

-- name: DeleteCounters :exec
DELETE FROM counters;

-- name: DeleteSettings :exec
DELETE FROM settings;
