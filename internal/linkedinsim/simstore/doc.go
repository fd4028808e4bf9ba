// Package simstore is linkedinsim's storage: it implements linkedinsim.Store
// on SQLite and PostgreSQL with one schema (goose migrations in the portable
// SQL subset, migrations/) and one query set (sqlc, package simdb), the
// approach internal/store takes for the ATS. The two never share tables or
// code: the simulator stands for LinkedIn and owns its own database.
//
// The one place the engines differ is the bulk member load (bulk.go): a
// reused prepared single-row insert on SQLite, COPY on PostgreSQL, as
// measured in dependencies.md §5. The conformance suite in simstoretest
// proves both engines behave alike.
package simstore

//go:generate go tool -modfile=../../../tools/go.mod sqlc generate
