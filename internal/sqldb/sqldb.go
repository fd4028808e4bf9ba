// Package sqldb is the database plumbing shared by the ATS and the simulators:
// it opens SQLite or PostgreSQL from one URL, applies embedded goose
// migrations, and hides the few places where the two engines differ.
//
// Queries are written once in the portable subset of SQL that both engines
// accept ($N placeholders, no SQL-side clocks), so the same code runs on a
// laptop with a single file and in production on PostgreSQL.
package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5/pgxpool"
)

// Engine names the database engine behind a DB, so callers can pick the rare
// engine-specific statement without parsing URLs again.
type Engine string

const (
	// SQLite is the embedded engine used for single-node installs and tests.
	SQLite Engine = "sqlite"
	// Postgres is the server engine used when several replicas share data.
	Postgres Engine = "postgres"
)

// String returns the engine name, which is also what tests log as engine=….
func (e Engine) String() string { return string(e) }

// DB is an open database: Write for transactions that write, Read for
// read-only work. The split exists because SQLite allows one writer at a
// time; funnelling writes through one connection avoids SQLITE_BUSY on lock
// upgrades, while readers proceed in parallel under WAL.
type DB struct {
	// Engine tells which engine the handles talk to.
	Engine Engine
	// Write is the handle for anything that writes. On SQLite it holds a
	// single connection whose transactions start with BEGIN IMMEDIATE; on
	// PostgreSQL it is backed by Pool.
	Write *sql.DB
	// Read is the handle for read-only queries. On SQLite it is a separate
	// pool of query_only connections; on PostgreSQL it is the same *sql.DB
	// as Write.
	Read *sql.DB
	// Pool is the pgx pool behind Write on PostgreSQL, kept for tools that
	// need native pgx (River, COPY). It is nil on SQLite.
	Pool *pgxpool.Pool

	cacheOnce sync.Once
	caches    map[*sql.DB]*stmtCache // see Cached
}

// Open connects to the database named by url and pings it. Accepted forms:
//
//   - "sqlite:PATH": a SQLite file; missing parent directories of PATH are
//     created. "sqlite::memory:" is rejected because every connection would
//     see its own empty database; tests should use a file in a temp dir.
//   - "postgres://…" or "postgresql://…": a PostgreSQL connection string as
//     understood by pgxpool.
func Open(ctx context.Context, url string) (*DB, error) {
	switch {
	case strings.HasPrefix(url, "sqlite:"):
		return openSQLite(ctx, strings.TrimPrefix(url, "sqlite:"))
	case strings.HasPrefix(url, "postgres://"), strings.HasPrefix(url, "postgresql://"):
		return openPostgres(ctx, url)
	default:
		return nil, fmt.Errorf("open database: unsupported url scheme %q: want sqlite:PATH, postgres://… or postgresql://…", scheme(url))
	}
}

// scheme returns the part of url before the first colon, so error messages
// can name what was given without echoing credentials.
func scheme(url string) string {
	s, _, _ := strings.Cut(url, ":")
	return s
}

// Close releases every handle. SQLite readers close before the writer so the
// last connection to go is the one that checkpoints the WAL; the pgx pool
// closes last because Write borrows from it.
func (db *DB) Close() error {
	var err error
	if db.Read != db.Write {
		err = db.Read.Close()
	}
	err = errors.Join(err, db.Write.Close())
	if db.Pool != nil {
		db.Pool.Close()
	}
	if err != nil {
		return fmt.Errorf("close database: %w", err)
	}
	return nil
}
