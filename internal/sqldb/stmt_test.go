package sqldb_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"attractor/internal/sqldb"
)

// TestCachedInWriteTransaction runs queries through Cached inside write
// transactions on SQLite, whose writer has a single connection: a query
// first seen inside a transaction must run (unprepared) without waiting
// for a second connection, and later transactions must get the statement
// prepared after the first one ended, with the same results.
func TestCachedInWriteTransaction(t *testing.T) {
	ctx := context.Background()
	db, err := sqldb.Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Write.ExecContext(ctx, "CREATE TABLE kv (k TEXT PRIMARY KEY, v BIGINT NOT NULL)"); err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		tx, err := db.Write.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		q := db.Cached(db.Write, tx)
		if _, err := q.ExecContext(ctx, "INSERT INTO kv (k, v) VALUES ($1, $2) ON CONFLICT (k) DO UPDATE SET v = kv.v + excluded.v", "a", 1); err != nil {
			t.Fatalf("round %d: %v", i, err)
		}
		var v int64
		if err := q.QueryRowContext(ctx, "SELECT v FROM kv WHERE k = $1", "a").Scan(&v); err != nil || v != int64(i+1) {
			t.Fatalf("round %d: v = %d, %v; want %d", i, v, err, i+1)
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		db.PreparePending(ctx, db.Write)
	}
	var v int64
	err = db.CachedDB(db.Read).QueryRowContext(ctx, "SELECT v FROM kv WHERE k = $1", "a").Scan(&v)
	if err != nil || v != 3 {
		t.Fatalf("read v = %d, %v; want 3", v, err)
	}
	if err := db.CachedDB(db.Read).QueryRowContext(ctx, "SELECT v FROM nowhere").Scan(&v); err == nil || err == sql.ErrNoRows {
		t.Errorf("a bad query through the cache gave %v, want its own error", err)
	}
}
