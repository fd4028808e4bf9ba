-- +goose Up
-- The historical sync sends a page's calls concurrently, so the entities
-- it has sent need not be a prefix of the page: ahead_ids lists those sent
-- after cursor_id (a JSON array of ids, '' for none), so a resumed sync
-- sends none of them again.
ALTER TABLE linkedin_sync_progress ADD COLUMN ahead_ids TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE linkedin_sync_progress DROP COLUMN ahead_ids;
