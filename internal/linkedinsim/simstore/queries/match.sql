-- Exact member lookups of name matching (match.go). Each column has a
-- unique index from 00001_world.sql. Name lookups are engine-specific SQL
-- in simstore/match.go, over the indexes of migrations/<engine>/00003.

-- name: MatchMemberByProfileURL :one
SELECT * FROM members WHERE profile_url = $1;
