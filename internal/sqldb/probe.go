package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"sync/atomic"
)

// TableProbe reports whether a SQLite table (an engine-specific index such
// as an FTS5 table) exists, so a store can fall back to a scan on a
// database migrated without its engine's steps. A yes is remembered:
// migrations never drop such tables while the process runs, so only the
// no needs asking again, and the hot path costs no query once it exists.
type TableProbe struct {
	name  string
	found atomic.Bool
}

// NewTableProbe returns a probe for the table name.
func NewTableProbe(name string) *TableProbe {
	return &TableProbe{name: name}
}

// queryRower is what a probe runs on: a *sql.DB, *sql.Tx or *sql.Conn.
type queryRower interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Exists reports whether the table exists, asking q until it does.
func (p *TableProbe) Exists(ctx context.Context, q queryRower) (bool, error) {
	if p.found.Load() {
		return true, nil
	}
	var n int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $1`, p.name).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("look up table %s: %w", p.name, err)
	}
	p.found.Store(n > 0)
	return n > 0, nil
}
