// Package store is the ATS's storage: it implements ats.Store on SQLite and
// PostgreSQL with one schema (goose migrations in a portable SQL subset) and
// one query set (sqlc, package dbq), so both engines behave the same and one
// conformance suite (storetest) proves it.
//
// The few things the engines cannot share live in two places only: the
// per-engine migrations in migrations/sqlite and migrations/postgres (the
// trigram index behind candidate search) and search.go (how a candidate
// search is answered). Everything else is generated code called from one
// file per noun (user.go, job.go, candidate.go, …), which maps dbq rows to
// ats types, normalises errors (no rows → ENOTFOUND, duplicates →
// ECONFLICT) and writes the sync outbox in the same transaction.
//
// Times are written through sqldb.UTC and come back in UTC with microsecond
// precision on both engines; no query reads an SQL-side clock.
package store

//go:generate go tool -modfile=../../tools/go.mod sqlc generate
