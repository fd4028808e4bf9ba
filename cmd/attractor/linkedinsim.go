package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"

	"attractor/internal/linkedinsim"
	"attractor/internal/linkedinsim/simstore"
	"attractor/internal/sqldb"
)

// runLinkedinsim serves the LinkedIn simulator, seeding the default world
// into an empty database first; "linkedinsim seed" (re)creates the world
// and prints its summary.
func runLinkedinsim(ctx context.Context, e env, args []string) error {
	seed := len(args) > 0 && args[0] == "seed"
	if seed {
		args = args[1:]
	}
	cfg, rest, err := linkedinsim.Load(e.getenv, args, e.stderr)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return fmt.Errorf("linkedinsim: unknown argument %q (want nothing or seed)", rest[0])
	}
	db, store, err := openSimulator(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer db.Close()
	svc := linkedinsim.NewService(store, nil)
	if seed {
		return seedWorld(ctx, store, svc, cfg, e)
	}
	logger := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: cfg.LogLevel}))
	if err := seedIfEmpty(ctx, store, cfg, logger); err != nil {
		return err
	}
	stopPushes := startPushWorker(ctx, svc, logger)
	defer stopPushes()
	return serveHTTP(ctx, "linkedinsim", cfg.Addr, linkedinsim.NewServer(svc, logger).Handler(), logger, e)
}

// startPushWorker delivers push notifications (rsc-api.md §4) until the
// returned stop function is called; stop waits for the worker to return.
func startPushWorker(ctx context.Context, svc *linkedinsim.Service, logger *slog.Logger) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	worker := linkedinsim.NewPushWorker(svc, linkedinsim.PushWorkerConfig{Logger: logger})
	go func() {
		defer close(done)
		worker.Run(ctx) //nolint:errcheck // Run only returns nil when ctx ends
	}()
	return func() { cancel(); <-done }
}

// openSimulator opens and migrates the simulator's own database.
func openSimulator(ctx context.Context, url string) (*sqldb.DB, *simstore.Store, error) {
	db, err := sqldb.Open(ctx, url)
	if err != nil {
		return nil, nil, err
	}
	if err := simstore.Migrate(ctx, db); err != nil {
		return nil, nil, errors.Join(fmt.Errorf("migrate: %w", err), db.Close())
	}
	return db, simstore.New(db, sqldb.UTCNow), nil
}

// seedIfEmpty generates the configured world when none exists yet, so a
// first start needs no separate seed step.
func seedIfEmpty(ctx context.Context, store *simstore.Store, cfg linkedinsim.Config, logger *slog.Logger) error {
	_, err := store.Settings(ctx)
	if linkedinsim.ErrorCode(err) != linkedinsim.ENOTFOUND {
		return err
	}
	logger.Info("seeding world", "seed", cfg.Seed, "members", cfg.Members)
	if err := linkedinsim.Generate(ctx, store, cfg.Seed, cfg.Members); err != nil {
		return fmt.Errorf("seed world: %w", err)
	}
	return nil
}

// seedWorld replaces the world and prints its summary as JSON.
func seedWorld(ctx context.Context, store *simstore.Store, svc *linkedinsim.Service, cfg linkedinsim.Config, e env) error {
	if err := linkedinsim.Generate(ctx, store, cfg.Seed, cfg.Members); err != nil {
		return fmt.Errorf("seed world: %w", err)
	}
	world, err := svc.World(ctx)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(world)
}
