package main

import (
	"context"
	"fmt"

	"attractor/internal/config"
	"attractor/internal/sqldb"
	"attractor/internal/store"
)

// runMigrate applies the embedded migrations; "migrate status" only reports
// whether any are pending. serve also migrates on start.
func runMigrate(ctx context.Context, e env, args []string) error {
	cfg, rest, err := config.Load(e.getenv, args, e.stderr)
	if err != nil {
		return err
	}
	db, err := sqldb.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer db.Close()
	if len(rest) > 0 && rest[0] == "status" {
		current, err := sqldb.MigrationsCurrent(ctx, db, store.MigrationsFor(db.Engine))
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "migrations current: %v\n", current)
		return nil
	} else if len(rest) > 0 {
		return fmt.Errorf("migrate: unknown argument %q (want nothing or status)", rest[0])
	}
	if err := store.Migrate(ctx, db); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "migrations applied (%s)\n", db.Engine)
	return nil
}
