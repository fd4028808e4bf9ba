package sqldb

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
)

// openPostgres builds one pgx pool and exposes it both natively (Pool) and as
// database/sql (Write and Read), so goose, sqlc code and River share the same
// connection limit.
func openPostgres(ctx context.Context, url string) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("open postgres: parse url: %w", err)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	db := stdlib.OpenDBFromPool(pool)
	if err := db.PingContext(ctx); err != nil {
		err = errors.Join(err, db.Close())
		pool.Close()
		return nil, fmt.Errorf("open postgres: ping: %w", err)
	}
	return &DB{Engine: Postgres, Write: db, Read: db, Pool: pool}, nil
}
