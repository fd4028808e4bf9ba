-- PostgreSQL: members.match_key (see ../00003_member_search.sql) plus a
-- pg_trgm GIN index over it, which serves the `match_key LIKE '%…%'`
-- conditions name matching runs (simstore/match.go).
--
-- pg_trgm ships with PostgreSQL and is a trusted extension. It is installed
-- in public, visible from the default search_path and from per-test
-- schemas alike.

-- +goose Up
ALTER TABLE members ADD COLUMN match_key TEXT NOT NULL DEFAULT '';
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
CREATE INDEX members_match_trgm_idx ON members USING gin (match_key gin_trgm_ops);

-- +goose Down
-- The extension stays: other schemas of the database may use it.
DROP INDEX members_match_trgm_idx;
ALTER TABLE members DROP COLUMN match_key;
