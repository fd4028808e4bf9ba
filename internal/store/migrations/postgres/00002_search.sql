-- PostgreSQL only: a trigram GIN index over candidates.search_key, which
-- the planner uses for the portable `search_key LIKE '%q%'` that
-- FindCandidates runs, so substring search does not scan every candidate.
--
-- pg_trgm ships with PostgreSQL and is a trusted extension (the database
-- owner may create it). It is installed in public, where it is visible from
-- the default search_path and from per-test schemas alike.

-- +goose Up
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
CREATE INDEX candidates_search_trgm_idx ON candidates USING gin (search_key gin_trgm_ops);

-- +goose Down
-- The extension stays: other schemas of the database may use it.
DROP INDEX candidates_search_trgm_idx;
