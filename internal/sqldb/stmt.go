package sqldb

import (
	"context"
	"database/sql"
	"sync"
)

// Querier is what sqlc's generated code runs queries through (its DBTX).
type Querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// maxCachedStmts bounds the cache: queries built at run time (IN-lists of
// varying length) past it run unprepared rather than growing it forever.
const maxCachedStmts = 1000

// stmtCache prepares each query text once per handle. database/sql then
// keeps the statement prepared on every connection it ran on, and
// Tx.StmtContext reuses it on the transaction's connection. SQLite
// (modernc) otherwise parses and plans every query on every call, which
// was a third of the CPU of a write-heavy load.
//
// PostgreSQL gets no cache: Cached and CachedDB return the plain handles.
// database/sql keeps no idle connections over a pgx pool (OpenDBFromPool
// sets MaxIdleConns to 0, as pgx requires, so the pool stays the one limit),
// so every use of a handle is a new driver connection, on which a
// database/sql statement is prepared again (a Parse round trip) and
// deallocated when the connection goes back to the pool (another one):
// three round trips per query instead of one. pgx instead caches the
// statements of each pooled connection itself (QueryExecModeCacheStatement),
// and that cache lives as long as the connection, across acquires.
type stmtCache struct {
	h       *sql.DB
	mu      sync.Mutex
	m       map[string]*sql.Stmt
	pending map[string]bool
}

// stmt returns the prepared statement of query, or nil when it has none
// yet: the query is then noted and prepared by PreparePending, once the
// caller's transaction has ended. Preparing on the spot could deadlock:
// it needs a connection of its own, and SQLite's writer has just one,
// held by the caller.
func (c *stmtCache) stmt(query string) *sql.Stmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	st, ok := c.m[query]
	if !ok && len(c.m)+len(c.pending) < maxCachedStmts {
		c.pending[query] = true
	}
	return st
}

// stmtNow returns the prepared statement of query, preparing it now if
// need be (nil if that fails): for calls outside a transaction, which hold
// no connection while they wait for one.
func (c *stmtCache) stmtNow(ctx context.Context, query string) *sql.Stmt {
	if st := c.stmt(query); st != nil {
		return st
	}
	c.preparePending(ctx)
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[query]
}

// preparePending prepares the queries noted since the last call.
func (c *stmtCache) preparePending(ctx context.Context) {
	c.mu.Lock()
	queries := make([]string, 0, len(c.pending))
	for q := range c.pending {
		queries = append(queries, q)
	}
	clear(c.pending)
	c.mu.Unlock()
	for _, q := range queries {
		st, err := c.h.PrepareContext(ctx, q)
		if err != nil {
			continue // the query runs unprepared and reports its own error
		}
		c.mu.Lock()
		if _, dup := c.m[q]; dup {
			st.Close()
		} else {
			c.m[q] = st
		}
		c.mu.Unlock()
	}
}

// cachedTx runs a transaction's queries through the cache's statements.
type cachedTx struct {
	*sql.Tx
	cache *stmtCache
}

func (t cachedTx) prepared(ctx context.Context, query string) *sql.Stmt {
	if st := t.cache.stmt(query); st != nil {
		return t.Tx.StmtContext(ctx, st)
	}
	return nil
}

func (t cachedTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if st := t.prepared(ctx, query); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return t.Tx.ExecContext(ctx, query, args...)
}

func (t cachedTx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := t.prepared(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return t.Tx.QueryContext(ctx, query, args...)
}

func (t cachedTx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if st := t.prepared(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return t.Tx.QueryRowContext(ctx, query, args...)
}

// Cached returns a Querier for tx, begun on h (db.Write or db.Read), that
// runs each query as a statement prepared once per connection. The
// statements a transaction uses are closed with it; the prepared parents
// live as long as db.
func (db *DB) Cached(h *sql.DB, tx *sql.Tx) Querier {
	c := db.cache(h)
	if c == nil {
		return tx
	}
	return cachedTx{Tx: tx, cache: c}
}

// CachedDB returns a Querier running queries outside a transaction on h
// (db.Write or db.Read) as cached prepared statements.
func (db *DB) CachedDB(h *sql.DB) Querier {
	c := db.cache(h)
	if c == nil {
		return h
	}
	return cachedDB{DB: h, cache: c}
}

func (db *DB) cache(h *sql.DB) *stmtCache {
	db.cacheOnce.Do(func() {
		db.caches = map[*sql.DB]*stmtCache{}
		if db.Engine == Postgres {
			return // see stmtCache
		}
		for _, x := range []*sql.DB{db.Write, db.Read} {
			db.caches[x] = &stmtCache{h: x, m: map[string]*sql.Stmt{}, pending: map[string]bool{}}
		}
	})
	return db.caches[h]
}

// cachedDB runs queries on a handle through the cache's statements.
type cachedDB struct {
	*sql.DB
	cache *stmtCache
}

func (d cachedDB) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if st := d.cache.stmtNow(ctx, query); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return d.DB.ExecContext(ctx, query, args...)
}

func (d cachedDB) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := d.cache.stmtNow(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return d.DB.QueryContext(ctx, query, args...)
}

func (d cachedDB) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if st := d.cache.stmtNow(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return d.DB.QueryRowContext(ctx, query, args...)
}

// PreparePending prepares the queries transactions on h ran unprepared
// since the last call. Call it once the transaction has ended and while
// the calling goroutine holds no other connection of h.
func (db *DB) PreparePending(ctx context.Context, h *sql.DB) {
	if c := db.cache(h); c != nil && c.hasPending() {
		c.preparePending(context.WithoutCancel(ctx))
	}
}

func (c *stmtCache) hasPending() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.pending) > 0
}
