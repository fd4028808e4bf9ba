-- name: CreateNote :exec
INSERT INTO notes (id, subject_kind, subject_id, author_id, body, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7);

-- name: GetNote :one
SELECT n.*, coalesce(u.name, '') AS author_name
FROM notes n LEFT JOIN users u ON u.id = n.author_id
WHERE n.id = $1;

-- name: ListNotes :many
SELECT n.*, coalesce(u.name, '') AS author_name
FROM notes n LEFT JOIN users u ON u.id = n.author_id
WHERE n.subject_kind = $1 AND n.subject_id = $2
ORDER BY n.created_at DESC, n.id DESC
LIMIT $3 OFFSET $4;

-- name: CountNotes :one
SELECT count(*) FROM notes WHERE subject_kind = $1 AND subject_id = $2;

-- name: UpdateNote :execrows
UPDATE notes SET body = $2, updated_at = $3 WHERE id = $1;

-- name: DeleteNote :execrows
DELETE FROM notes WHERE id = $1;

-- name: ListNoteIDs :many
SELECT id FROM notes WHERE subject_kind = $1 AND subject_id = $2 ORDER BY created_at, id;

-- name: DeleteNotesOf :exec
DELETE FROM notes WHERE subject_kind = $1 AND subject_id = $2;
