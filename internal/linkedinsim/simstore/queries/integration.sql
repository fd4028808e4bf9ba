-- Integrations, configurations, integration requests and the push outbox
-- (migrations/00002_integrations.sql). Query names carry Integration or
-- Push so they never collide with other query files.

-- name: UpsertIntegration :exec
INSERT INTO integrations (app_id, integration_context, integration_type, organization_id,
    contract_id, name, status, requested_at, enabled_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
ON CONFLICT (app_id, integration_context, integration_type) DO UPDATE SET
    name = excluded.name, status = excluded.status, requested_at = excluded.requested_at,
    enabled_at = excluded.enabled_at, updated_at = excluded.updated_at;

-- name: ListIntegrationsOfApp :many
SELECT * FROM integrations WHERE app_id = $1
ORDER BY organization_id, integration_context, integration_type;

-- name: ListIntegrationsInContext :many
SELECT * FROM integrations WHERE app_id = $1 AND integration_context = $2
ORDER BY integration_type;

-- name: ListAllIntegrations :many
SELECT * FROM integrations
ORDER BY app_id, organization_id, integration_context, integration_type;

-- name: UpsertIntegrationConfiguration :exec
INSERT INTO integration_configurations (app_id, integration_context, integration_type,
    config_key, config_value, updated_at)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (app_id, integration_context, integration_type, config_key) DO UPDATE SET
    config_value = excluded.config_value, updated_at = excluded.updated_at;

-- name: DeleteIntegrationConfiguration :execrows
DELETE FROM integration_configurations
WHERE app_id = $1 AND integration_context = $2 AND integration_type = $3 AND config_key = $4;

-- name: ListIntegrationConfigurationsOfApp :many
SELECT * FROM integration_configurations WHERE app_id = $1
ORDER BY integration_context, integration_type, config_key;

-- name: ListIntegrationConfigurationApps :many
-- The apps holding a configuration value; CALLBACK_URL must have one.
SELECT DISTINCT app_id FROM integration_configurations
WHERE config_key = $1 AND config_value = $2 ORDER BY app_id;

-- name: InsertIntegrationRequest :exec
INSERT INTO integration_requests (id, app_id, kind, status, level, organization_id,
    contract_id, actor, created_at, expires_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10);

-- name: InsertIntegrationRequestItem :exec
INSERT INTO integration_request_items (request_id, position, integration_context, integration_type)
VALUES ($1, $2, $3, $4);

-- name: GetIntegrationRequest :one
SELECT * FROM integration_requests WHERE id = $1;

-- name: ListIntegrationRequestItems :many
SELECT * FROM integration_request_items WHERE request_id = $1 ORDER BY position;

-- name: GetIntegrationSeat :one
-- A seat with its contract, to check that an actor is an admin of it.
SELECT s.id, s.contract_id, s.member_id, s.is_admin, s.active, s.created_at,
       c.organization_id, c.name AS contract_name, c.created_at AS contract_created_at
FROM seats s JOIN contracts c ON c.id = s.contract_id
WHERE s.id = $1;

-- name: GetIntegrationMemberSeat :one
-- The seat a member (by person URN) holds on a contract, with the contract.
SELECT s.id, s.contract_id, s.member_id, s.is_admin, s.active, s.created_at,
       c.organization_id, c.name AS contract_name, c.created_at AS contract_created_at
FROM seats s
JOIN contracts c ON c.id = s.contract_id
JOIN members m ON m.id = s.member_id
WHERE s.contract_id = $1 AND m.person_urn = $2;

-- name: ListIntegrationChildApps :many
SELECT * FROM apps WHERE kind = 'child' ORDER BY id;

-- name: InsertPushNotification :exec
INSERT INTO push_notifications (id, app_id, event_type, notification_id, body, attempts,
    next_attempt_at, delivered_at, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9);

-- name: GetPushNotification :one
SELECT * FROM push_notifications WHERE id = $1;

-- name: ListDuePushNotifications :many
SELECT * FROM push_notifications
WHERE delivered_at IS NULL AND next_attempt_at <= $1
ORDER BY next_attempt_at, created_at, id
LIMIT $2;

-- name: NextPendingPushAt :one
SELECT next_attempt_at FROM push_notifications
WHERE delivered_at IS NULL
ORDER BY next_attempt_at
LIMIT 1;

-- name: ListPushNotificationsOfApp :many
SELECT * FROM push_notifications WHERE app_id = $1 ORDER BY created_at, id;

-- name: UpdatePushProgress :execrows
UPDATE push_notifications SET attempts = $2, next_attempt_at = $3, delivered_at = $4
WHERE id = $1;

-- name: InsertPushAttempt :exec
INSERT INTO push_attempts (push_id, attempt, attempted_at, callback_url, status_code, error)
VALUES ($1, $2, $3, $4, $5, $6);

-- name: ListPushAttempts :many
SELECT * FROM push_attempts WHERE push_id = $1 ORDER BY attempt;
