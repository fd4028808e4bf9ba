-- name: CreateTemplate :execrows
INSERT INTO process_templates (id, name, name_key, is_default, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT DO NOTHING;

-- name: GetTemplate :one
SELECT * FROM process_templates WHERE id = $1;

-- name: GetTemplateByNameKey :one
SELECT * FROM process_templates WHERE name_key = $1;

-- name: GetDefaultTemplate :one
SELECT * FROM process_templates WHERE is_default;

-- name: ListTemplates :many
SELECT * FROM process_templates ORDER BY name_key, id;

-- name: UpdateTemplate :execrows
UPDATE process_templates SET name = $2, name_key = $3, is_default = $4, updated_at = $5 WHERE id = $1;

-- name: ClearDefaultTemplate :exec
UPDATE process_templates SET is_default = FALSE WHERE is_default;

-- name: ListTemplatePhases :many
SELECT * FROM template_phases WHERE template_id = $1 ORDER BY position, id;

-- name: ListAllTemplatePhases :many
SELECT * FROM template_phases ORDER BY template_id, position, id;

-- name: UpsertTemplatePhase :execrows
-- The WHERE keeps a phase id that belongs to another template from being
-- moved: zero rows tells the caller.
INSERT INTO template_phases (id, template_id, name, kind, position, enabled)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind,
    position = excluded.position, enabled = excluded.enabled
WHERE template_phases.template_id = excluded.template_id;

-- name: DeleteTemplatePhase :exec
DELETE FROM template_phases WHERE id = $1 AND template_id = $2;
