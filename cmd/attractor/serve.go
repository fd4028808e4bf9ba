package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"attractor/internal/api"
	"attractor/internal/ats"
	"attractor/internal/config"
	"attractor/internal/queue"
	"attractor/internal/session"
	"attractor/internal/sqldb"
	"attractor/internal/store"
	"attractor/internal/syncer"
	"attractor/internal/web"

	"github.com/alexedwards/scs/v2"
)

// app is an opened ATS: database, store and domain service.
type app struct {
	db    *sqldb.DB
	store *store.Store
	svc   *ats.Service
}

// openApp opens and migrates the database and makes sure the built-in
// process template exists.
func openApp(ctx context.Context, databaseURL string) (*app, error) {
	db, err := sqldb.Open(ctx, databaseURL)
	if err != nil {
		return nil, err
	}
	if err := store.Migrate(ctx, db); err != nil {
		return nil, errors.Join(fmt.Errorf("migrate: %w", err), db.Close())
	}
	st := store.New(db, sqldb.UTCNow)
	svc := ats.NewService(st)
	if err := svc.EnsureDefaultTemplate(ctx); err != nil {
		return nil, errors.Join(err, db.Close())
	}
	// The LinkedIn pool exists from the start, so no user pool can take its
	// name; a conflict means an old user pool has it, reported when used.
	if _, err := svc.EnsureSystemPool(ctx, ats.LinkedInPoolName); err != nil && ats.ErrorCode(err) != ats.ECONFLICT {
		return nil, errors.Join(err, db.Close())
	}
	return &app{db: db, store: st, svc: svc}, nil
}

// systemContext is how operator commands act: as the built-in system admin.
func systemContext(ctx context.Context) context.Context {
	return ats.NewContextWithUser(ctx, &ats.SystemUser)
}

func runServe(ctx context.Context, e env, args []string) (err error) {
	cfg, _, err := config.Load(e.getenv, args, e.stderr)
	if err != nil {
		return err
	}
	logger := cfg.Logger(e.stderr)
	a, err := openApp(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer a.db.Close()
	if err := firstAdmin(ctx, a, cfg, e); err != nil {
		return err
	}
	sy, stop, err := startSyncer(ctx, a, cfg, logger)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, stop()) }()
	sessions := session.NewManager(a.store.Sessions(), cfg.SecureCookies())
	h, err := handler(a, cfg, sessions, sy, logger)
	if err != nil {
		return err
	}
	return serveHTTP(ctx, "Attractor", cfg.Addr, h, logger, e)
}

// handler composes the JSON API under /api/v1/ and the web UI everywhere
// else on one mux, behind the API's middleware (recovery, request log,
// session, body limit), which both need.
func handler(a *app, cfg config.Config, sessions *scs.SessionManager, sy *syncer.Syncer, logger *slog.Logger) (http.Handler, error) {
	signins := session.NewSigninLimiter(cfg.TrustedProxies) // one budget for pages and API
	apiSrv := api.NewServer(a.svc, sessions, a.store, sy, signins, logger)
	webSrv, err := web.NewServer(a.svc, sessions, sy, logger, web.Options{
		LinkedInPlatformURL: cfg.LinkedIn.PlatformURL, LinkedInAuthURL: cfg.LinkedIn.AuthURL, Signins: signins})
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	apiSrv.Routes(mux)
	webSrv.Routes(mux)
	return apiSrv.Middleware(mux), nil
}

// startSyncer opens the task queue in the application's database and runs
// the LinkedIn sync engine on it: every committed outbox write kicks the
// drainer. Nothing reaches LinkedIn until an admin connects it, so an
// unconfigured server runs as before. stop waits up to ten seconds for
// running tasks; interrupted ones run again after the next start.
func startSyncer(ctx context.Context, a *app, cfg config.Config, logger *slog.Logger) (*syncer.Syncer, func() error, error) {
	q, err := queue.New(a.db, queue.Options{Logger: logger})
	if err != nil {
		return nil, nil, err
	}
	if err := q.Migrate(ctx); err != nil {
		return nil, nil, err
	}
	li := cfg.LinkedIn
	sy, err := syncer.New(syncer.Config{Store: a.store, Queue: q, APIURL: li.APIURL, AuthURL: li.AuthURL,
		PlatformURL: li.PlatformURL, ClientID: li.ClientID, ClientSecret: li.ClientSecret,
		PublicURL: cfg.PublicURL, RecordsPerMinute: li.RecordsPerMinute, CallsPerDay: li.CallsPerDay,
		StatusPollInterval: li.StatusPoll, Logger: logger})
	if err != nil {
		return nil, nil, err
	}
	a.store.OnOutbox(sy.Kick)
	if err := sy.Start(ctx); err != nil {
		return nil, nil, err
	}
	if err := q.Start(ctx); err != nil {
		return nil, nil, err
	}
	stop := func() error {
		sy.Stop() // long tasks end at their next page, progress saved
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		err := q.Stop(ctx)
		if errors.Is(err, context.DeadlineExceeded) {
			// A long task (a historical sync) was cancelled; it resumes from
			// its saved progress at the next start, so this is no failure.
			logger.Info("stopped background tasks that were still running; they resume at the next start")
			return nil
		}
		return err
	}
	return sy, stop, nil
}

// firstAdmin creates the admin from ATTRACTOR_ADMIN_EMAIL/PASSWORD when the
// user table is empty, or tells the operator how to create one.
func firstAdmin(ctx context.Context, a *app, cfg config.Config, e env) error {
	n, err := a.svc.CountUsers(ctx)
	if err != nil || n > 0 {
		return err
	}
	if cfg.AdminEmail == "" {
		fmt.Fprintln(e.stdout, "No users yet. Create the first admin with:\n"+
			"  attractor user create --email you@example.com --name 'Your Name' --role admin\n"+
			"or start with ATTRACTOR_ADMIN_EMAIL and ATTRACTOR_ADMIN_PASSWORD set.")
		return nil
	}
	_, err = a.svc.CreateUser(systemContext(ctx), ats.UserInput{Email: cfg.AdminEmail,
		Name: "Administrator", Role: ats.RoleAdmin, Password: cfg.AdminPassword})
	if err != nil {
		return fmt.Errorf("create first admin: %s", describe(err))
	}
	fmt.Fprintf(e.stdout, "Created the first admin, %s.\n", cfg.AdminEmail)
	return nil
}

// describe renders a domain error for the terminal, with field problems.
func describe(err error) string {
	msg := ats.ErrorMessage(err)
	if ats.ErrorCode(err) == ats.EINTERNAL {
		msg = err.Error()
	}
	for field, problem := range ats.ErrorFields(err) {
		msg += fmt.Sprintf(" %s: %s", field, problem)
	}
	return msg
}

// serveHTTP listens on addr and serves h (announced as name) until ctx
// ends, then shuts down,
// giving requests in flight ten seconds.
func serveHTTP(ctx context.Context, name, addr string, h http.Handler, logger *slog.Logger, e env) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: time.Minute,
		WriteTimeout: 2 * time.Minute, IdleTimeout: 2 * time.Minute,
		ErrorLog: slog.NewLogLogger(logger.Handler(), slog.LevelWarn)}
	fmt.Fprintf(e.stdout, "%s listening on http://%s\n", name, ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
