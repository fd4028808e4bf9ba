package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver
)

// sqliteParams are the connection settings every SQLite connection gets.
// PRAGMAs live in the DSN because db.Exec("PRAGMA …") reaches only one pooled
// connection. _time_format=sqlite stores times as sortable text with an
// offset; _timezone=UTC makes reads return time.UTC values, without which
// the driver's time.Parse yields time.Local whenever the offset matches it.
const sqliteParams = "_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)" +
	"&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)" +
	"&_time_format=sqlite&_timezone=UTC"

// sqliteReaders caps the reader pool; WAL readers do not block each other,
// so a few are enough for a single-node install.
const sqliteReaders = 4

// openSQLite opens the writer first, so the file exists and is in WAL mode
// before any query_only reader connects (a reader cannot switch the mode).
func openSQLite(ctx context.Context, path string) (*DB, error) {
	dsn, err := sqliteDSN(path)
	if err != nil {
		return nil, err
	}
	write, err := openSQLitePool(ctx, dsn+"&_txlock=immediate", 1)
	if err != nil {
		return nil, fmt.Errorf("open sqlite writer: %w", err)
	}
	// Readers keep the default deferred BEGIN: IMMEDIATE would take the
	// write lock and serialise read transactions behind the writer.
	read, err := openSQLitePool(ctx, dsn+"&_pragma=query_only(1)", sqliteReaders)
	if err != nil {
		return nil, errors.Join(fmt.Errorf("open sqlite readers: %w", err), write.Close())
	}
	return &DB{Engine: SQLite, Write: write, Read: read}, nil
}

// sqliteDSN validates path, creates its parent directory and returns the
// file: URI with the shared parameters.
func sqliteDSN(path string) (string, error) {
	if path == "" || strings.HasPrefix(path, ":memory:") {
		return "", fmt.Errorf("open sqlite: %q is not a file path: in-memory databases are per connection, use a file in a temp dir", path)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Errorf("open sqlite: resolve %q: %w", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o750); err != nil {
		return "", fmt.Errorf("open sqlite: create directory: %w", err)
	}
	// SQLite decodes %XX in file: URIs; escape what would end the path.
	escaped := strings.NewReplacer("%", "%25", "?", "%3F", "#", "%23").Replace(abs)
	return "file:" + escaped + "?" + sqliteParams, nil
}

// openSQLitePool opens a pool of at most maxConns connections and pings it,
// so configuration errors surface at start-up rather than on first query.
func openSQLitePool(ctx context.Context, dsn string, maxConns int) (*sql.DB, error) {
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(maxConns)
	db.SetMaxIdleConns(maxConns)
	if err := db.PingContext(ctx); err != nil {
		return nil, errors.Join(err, db.Close())
	}
	return db, nil
}
