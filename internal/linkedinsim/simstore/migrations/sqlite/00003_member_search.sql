-- SQLite: members.match_key (see ../00003_member_search.sql) plus an FTS5
-- trigram index over it, which name matching queries with substrings of
-- three or more characters (simstore/match.go).
--
-- member_fts is contentless (content=''): it stores only the trigram index,
-- with the member id as its rowid, so it adds no second copy of the keys.
-- contentless_delete lets triggers delete by rowid alone. The triggers keep
-- it in step inside the writing transaction, bulk loads and ResetWorld
-- included.

-- +goose Up
ALTER TABLE members ADD COLUMN match_key TEXT NOT NULL DEFAULT '';

CREATE VIRTUAL TABLE member_fts USING fts5(match_key, content = '', contentless_delete = 1,
    tokenize = 'trigram');

INSERT INTO member_fts (rowid, match_key) SELECT id, match_key FROM members;

-- +goose StatementBegin
CREATE TRIGGER members_fts_insert AFTER INSERT ON members BEGIN
    INSERT INTO member_fts (rowid, match_key) VALUES (new.id, new.match_key);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER members_fts_update AFTER UPDATE OF id, match_key ON members BEGIN
    DELETE FROM member_fts WHERE rowid = old.id;
    INSERT INTO member_fts (rowid, match_key) VALUES (new.id, new.match_key);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER members_fts_delete AFTER DELETE ON members BEGIN
    DELETE FROM member_fts WHERE rowid = old.id;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER members_fts_delete;
DROP TRIGGER members_fts_update;
DROP TRIGGER members_fts_insert;
DROP TABLE member_fts;
ALTER TABLE members DROP COLUMN match_key;
