package syncer

import (
	"context"
	"log/slog"
	"net/http"
	"os"
	"sync"
	"testing"
	"time"

	"attractor/internal/ats"
	"attractor/internal/linkedinsim"
	"attractor/internal/queue"
	"attractor/internal/sqldb"
	"attractor/internal/store"
)

// env is an ATS over a real store on one engine, a real queue in the same
// database, and a Syncer wired to a simulator with an enabled child app.
type env struct {
	t     testing.TB
	db    *sqldb.DB
	store *store.Store
	svc   *ats.Service
	sim   *linkedinSim
	app   childApp
	hc    *http.Client
	q     *queue.Queue
	s     *Syncer
	sys   context.Context // the system user, to create users
	// poll is the queue's poll interval: short in tests, so tasks start
	// without delay; zero (the queue's production default) in benchmarks.
	poll time.Duration
}

// newEnv opens a migrated database on e, saves an enabled integration for
// app and builds a Syncer whose calls go through tr (nil: the default
// transport). Nothing runs until start.
func newEnv(t testing.TB, e engine, sim *linkedinSim, app childApp, tr http.RoundTripper) *env {
	t.Helper()
	ctx := context.Background()
	db := e.open(t, store.MigrationsFor(e.engine))
	st := store.New(db, nil)
	svc := ats.NewService(st)
	must(t, svc.EnsureDefaultTemplate(ctx))
	if tr == nil {
		tr = simTransport
	}
	en := &env{t: t, db: db, store: st, svc: svc, sim: sim, app: app,
		hc: &http.Client{Transport: tr, Timeout: 20 * time.Second}, sys: ats.NewContextWithUser(ctx, &ats.SystemUser),
		poll: 20 * time.Millisecond}
	en.newSyncer()
	must(t, st.Update(ctx, func(tx ats.Tx) error {
		return tx.SaveIntegration(&ats.LinkedInIntegration{Stage: ats.StageEnabled, AccessLevel: ats.AccessContract,
			InstanceID: "inst-1", AppURN: app.urn, ClientID: app.clientID, ClientSecret: app.secret,
			Organization: simOrg, Contract: simContract, JobAvailability: ats.AvailabilityPublic})
	}))
	return en
}

// newSyncer makes a fresh queue and Syncer over the same database, as a
// restarted process would.
func (en *env) newSyncer() {
	t := en.t
	q, err := queue.New(en.db, queue.Options{Logger: testLogger(), PollInterval: en.poll})
	must(t, err)
	must(t, q.Migrate(context.Background()))
	s, err := New(Config{Store: en.store, Queue: q, APIURL: en.sim.url, AuthURL: en.sim.url, PlatformURL: en.sim.url,
		ClientID: linkedinsim.DefaultPartnerClientID, ClientSecret: linkedinsim.DefaultPartnerClientSecret,
		PublicURL: "http://127.0.0.1:8080", HTTPClient: en.hc, RecordsPerMinute: -1, CallsPerDay: -1,
		StatusPollInterval: time.Hour, Logger: testLogger()})
	must(t, err)
	s.retryBase = 5 * time.Millisecond
	en.q, en.s = q, s
}

// start registers the tasks and starts the queue; it stops on cleanup.
func (en *env) start() {
	t := en.t
	ctx, cancel := context.WithCancel(context.Background())
	must(t, en.s.Start(ctx))
	must(t, en.q.Start(ctx))
	q := en.q
	t.Cleanup(func() {
		cancel()
		stop, done := context.WithTimeout(context.Background(), 10*time.Second)
		defer done()
		_ = q.Stop(stop)
	})
}

// testLogger logs warnings to stderr with -v, else nothing.
func testLogger() *slog.Logger {
	if !testing.Verbose() {
		return slog.New(slog.DiscardHandler)
	}
	return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
}

// progress reads the historical sync's progress.
func (en *env) progress() ats.SyncProgress {
	in, err := en.s.loadIntegration(context.Background())
	must(en.t, err)
	return in.Progress
}

// outboxLen counts the queued outbox rows.
func (en *env) outboxLen() int {
	var n int
	must(en.t, en.store.View(context.Background(), func(tx ats.Tx) (err error) {
		n, err = tx.CountOutbox()
		return err
	}))
	return n
}

// failures lists the sync failures.
func (en *env) failures() []*ats.SyncFailure {
	var fs []*ats.SyncFailure
	must(en.t, en.store.View(context.Background(), func(tx ats.Tx) (err error) {
		fs, _, err = tx.FindSyncFailures(ats.Page{Limit: ats.MaxLimit})
		return err
	}))
	return fs
}

// user creates a user with a role and, when personURN is set, connects
// them to that LinkedIn member; it returns a context acting as them.
func (en *env) user(name string, role ats.Role, personURN string) (context.Context, *ats.User) {
	t := en.t
	u, err := en.svc.CreateUser(en.sys, ats.UserInput{Email: emailOf(name), Name: name, Role: role,
		Password: "long-enough-pw"})
	must(t, err)
	if personURN != "" {
		must(t, en.store.Update(context.Background(), func(tx ats.Tx) error {
			return tx.SetUserLinkedIn(u.ID, personURN, "")
		}))
	}
	return ats.NewContextWithUser(context.Background(), u), u
}

func emailOf(name string) string {
	out := []byte{}
	for _, c := range []byte(name) {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c >= 'a' && c <= 'z' {
			out = append(out, c)
		}
	}
	return string(out) + "@example.com"
}

func TestNewValidates(t *testing.T) {
	base := Config{Store: struct{ ats.Store }{}, Queue: &queue.Queue{}, APIURL: "http://x", AuthURL: "http://x",
		PublicURL: "https://ats.example/"}
	s, err := New(base)
	if err != nil || s.cfg.PublicURL != "https://ats.example" {
		t.Fatalf("New = %+v, %v; want the origin without its slash", s, err)
	}
	for name, change := range map[string]func(*Config){
		"NoStore":      func(c *Config) { c.Store = nil },
		"NoQueue":      func(c *Config) { c.Queue = nil },
		"NoAPIURL":     func(c *Config) { c.APIURL = "" },
		"BadPublicURL": func(c *Config) { c.PublicURL = "ats.example" },
	} {
		cfg := base
		change(&cfg)
		if _, err := New(cfg); err == nil {
			t.Errorf("%s: New succeeded", name)
		}
	}
}

func TestBackoff(t *testing.T) {
	s := &Syncer{retryBase: time.Second}
	for attempts, want := range map[int]time.Duration{0: time.Second, 1: 2 * time.Second, 3: 8 * time.Second,
		8: 256 * time.Second, 9: retryCap, 30: retryCap} {
		if got := s.backoff(attempts); got != want {
			t.Errorf("backoff(%d) = %s, want %s", attempts, got, want)
		}
	}
}

// countingQueue counts enqueues; it runs nothing.
type countingQueue struct {
	mu       sync.Mutex
	enqueued []string
}

func (q *countingQueue) Handle(string, queue.Handler)        {}
func (q *countingQueue) Every(string, time.Duration, []byte) {}
func (q *countingQueue) Enqueue(_ context.Context, task string, _ []byte, _ queue.EnqueueOptions) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.enqueued = append(q.enqueued, task)
	return nil
}

func (q *countingQueue) count() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.enqueued)
}

func TestKickDebounces(t *testing.T) {
	q := &countingQueue{}
	s, err := New(Config{Store: struct{ ats.Store }{}, Queue: q, APIURL: "http://x", AuthURL: "http://x",
		PublicURL: "https://ats.example"})
	must(t, err)
	for range 100 {
		s.Kick()
	}
	waitFor(t, "the debounced enqueue", func() bool { return q.count() == 1 })

	if !s.beginDrain() {
		t.Fatal("beginDrain = false with no drain running")
	}
	s.Kick() // absorbed by the running drain
	if s.endDrain(false) {
		t.Error("endDrain released a drain that was kicked meanwhile")
	}
	if !s.endDrain(false) {
		t.Error("endDrain kept a drain with no kick since its last look")
	}
	s.Kick()
	waitFor(t, "a kick after the drain", func() bool { return q.count() == 2 })
	if q.enqueued[1] != taskDrain {
		t.Errorf("enqueued %v", q.enqueued)
	}
}
