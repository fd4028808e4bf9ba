-- Name matching (see linkedinsim/match.go): every member gets match_key,
-- linkedinsim.MatchKey(first, last), computed in Go by the bulk loader,
-- because the transliteration folds (ü = ue, ß = ss, ø = oe, …) are not
-- something either engine's SQL can do.
--
-- This is the portable part, which sqlc reads. Migrate with
-- simstore.MigrationsFor(engine): each engine replaces this file with its
-- own 00003_member_search.sql, which adds the trigram index on match_key.
-- Rows loaded before this step keep an empty key: reseed the world.

-- +goose Up
ALTER TABLE members ADD COLUMN match_key TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE members DROP COLUMN match_key;
