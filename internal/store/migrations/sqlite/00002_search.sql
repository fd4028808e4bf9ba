-- SQLite only: what makes FindCandidates fast at 100,000 candidates (see
-- search.go for how each piece is used).
--
-- 1. candidate_fts, an FTS5 trigram index over candidates.search_key, finds
--    the candidates containing a query of three or more characters. The
--    query text is already folded (ats.FoldQuery), and trigram MATCH on a
--    quoted phrase is an exact substring match: the same answer as
--    search_key LIKE '%q%', without reading every row.
-- 2. FTS5 rows are addressed by integer rowid, but candidates has a TEXT
--    primary key and its implicit rowid may be renumbered by VACUUM. The
--    candidate_search table gives each candidate a stable integer (an
--    INTEGER PRIMARY KEY is never renumbered) that is its FTS rowid, and
--    carries created_at, so matches are put in list order (newest first)
--    without a lookup in candidates per match.
-- 3. candidates_search_idx holds search_key in list order, so a query
--    too short for trigrams, or one that matches a large share of all
--    candidates, walks it newest first and stops after one page, reading
--    the index alone (narrower than the table) rather than every row.
--
-- Triggers keep the index tables in step inside the writing transaction,
-- including deletes that arrive by ON DELETE CASCADE.

-- +goose Up
CREATE TABLE candidate_search (
    seq          INTEGER PRIMARY KEY,
    candidate_id TEXT NOT NULL UNIQUE,
    created_at   TIMESTAMP NOT NULL
);

CREATE VIRTUAL TABLE candidate_fts USING fts5(search_key, tokenize = 'trigram');

CREATE INDEX candidates_search_idx ON candidates (created_at, id, search_key);

INSERT INTO candidate_search (candidate_id, created_at)
    SELECT id, created_at FROM candidates ORDER BY created_at, id;
INSERT INTO candidate_fts (rowid, search_key)
    SELECT s.seq, c.search_key FROM candidate_search s JOIN candidates c ON c.id = s.candidate_id;

-- +goose StatementBegin
CREATE TRIGGER candidates_search_insert AFTER INSERT ON candidates BEGIN
    INSERT INTO candidate_search (candidate_id, created_at) VALUES (new.id, new.created_at);
    INSERT INTO candidate_fts (rowid, search_key) VALUES (last_insert_rowid(), new.search_key);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER candidates_search_update AFTER UPDATE OF search_key, created_at ON candidates BEGIN
    UPDATE candidate_search SET created_at = new.created_at WHERE candidate_id = new.id;
    UPDATE candidate_fts SET search_key = new.search_key
    WHERE rowid = (SELECT seq FROM candidate_search WHERE candidate_id = new.id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER candidates_search_delete AFTER DELETE ON candidates BEGIN
    DELETE FROM candidate_fts
    WHERE rowid = (SELECT seq FROM candidate_search WHERE candidate_id = old.id);
    DELETE FROM candidate_search WHERE candidate_id = old.id;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER candidates_search_delete;
DROP TRIGGER candidates_search_update;
DROP TRIGGER candidates_search_insert;
DROP INDEX candidates_search_idx;
DROP TABLE candidate_fts;
DROP TABLE candidate_search;
