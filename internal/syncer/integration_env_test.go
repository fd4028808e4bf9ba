package syncer

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"attractor/internal/ats"
	"attractor/internal/linkedinsim"
	"attractor/internal/linkedinsim/simstore"
	"attractor/internal/queue"
	"attractor/internal/sqldb"
	"attractor/internal/sqldb/sqldbtest"
	"attractor/internal/store"
)

// The setup flow's tests run the Syncer on a real store (SQLite always,
// PostgreSQL when ATTRACTOR_TEST_POSTGRES is set) against a real
// linkedinsim over loopback HTTP, with the callback served by an httptest
// server whose URL is the instance's PublicURL.

// In linkedinsim's default world organization 1001 has contracts 5001
// (seats 90001–90006, 90001 its admin) and 5002; organization 1002 has
// contract 5003, whose admin seat is 90013.
const (
	liOrg       = "urn:li:organization:1001"
	liContract  = "urn:li:contract:5001"
	liAdminSeat = "urn:li:seat:90001"
	liOrg2      = "urn:li:organization:1002"
	liContract2 = "urn:li:contract:5003"
)

// liEngines runs fn once per storage engine, as subtests named after the
// engine; PostgreSQL is skipped without ATTRACTOR_TEST_POSTGRES.
func liEngines(t *testing.T, fn func(t *testing.T, engine sqldb.Engine)) {
	for _, engine := range []sqldb.Engine{sqldb.SQLite, sqldb.Postgres} {
		t.Run(string(engine), func(t *testing.T) {
			t.Parallel()
			t.Logf("engine=%s", engine)
			fn(t, engine)
		})
	}
}

// liOptions shape a flow environment.
type liOptions struct {
	// fakeQueue records enqueues instead of running River, so a test can
	// run each task itself and assert on what it did.
	fakeQueue bool
	// pushes runs linkedinsim's push worker, delivering its notifications.
	pushes bool
}

// liEnv is one ATS instance and one simulated LinkedIn.
type liEnv struct {
	t      *testing.T
	ctx    context.Context
	db     *sqldb.DB
	store  *store.Store
	svc    *ats.Service
	s      *Syncer
	fq     *fakeQueue
	sim    *linkedinsim.Service
	simDB  *simstore.Store
	simURL string
	atsURL string
	logs   *lockedLog
	// delivered receives every push attempt linkedinsim makes.
	delivered chan linkedinsim.PushAttempt
	admin     context.Context
}

func newLIEnv(t *testing.T, engine sqldb.Engine, opt liOptions) *liEnv {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	e := &liEnv{t: t, ctx: ctx, logs: &lockedLog{}, delivered: make(chan linkedinsim.PushAttempt, 100)}
	if engine == sqldb.Postgres {
		e.db = sqldbtest.OpenPostgres(t, store.MigrationsFor(sqldb.Postgres))
	} else {
		e.db = sqldbtest.OpenSQLite(t, store.MigrationsFor(sqldb.SQLite))
	}
	e.store = store.New(e.db, sqldb.UTCNow)
	e.svc = ats.NewService(e.store)
	e.admin = ats.NewContextWithUser(ctx, e.user(ats.RoleAdmin))
	e.startSim(opt.pushes)

	var h http.Handler = http.NotFoundHandler()
	var mu sync.Mutex
	atsSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hh := h
		mu.Unlock()
		hh.ServeHTTP(w, r)
	}))
	t.Cleanup(atsSrv.Close)
	e.atsURL = atsSrv.URL

	var q Queue
	var rq *queue.Queue
	if opt.fakeQueue {
		e.fq = &fakeQueue{handlers: map[string]queue.Handler{}}
		q = e.fq
	} else {
		var err error
		rq, err = queue.New(e.db, queue.Options{PollInterval: 10 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		if err := rq.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		q = rq
	}
	e.s = e.newSyncer(q, e.atsURL)
	mux := http.NewServeMux()
	mux.Handle("POST "+CallbackPath, e.s.CallbackHandler())
	mu.Lock()
	h = mux
	mu.Unlock()
	if err := e.s.Start(ctx); err != nil {
		t.Fatal(err)
	}
	if rq != nil {
		if err := rq.Start(ctx); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			stop, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			if err := rq.Stop(stop); err != nil {
				t.Errorf("stop queue: %v", err)
			}
		})
	}
	return e
}

// newSyncer makes a Syncer of this instance's store reachable at public.
// The status poll is slowed to an hour, so only notifications move the
// stage unless a test polls itself.
func (e *liEnv) newSyncer(q Queue, public string) *Syncer {
	e.t.Helper()
	s, err := New(Config{Store: e.store, Queue: q, APIURL: e.simURL, AuthURL: e.simURL, PlatformURL: e.simURL,
		ClientID: linkedinsim.DefaultPartnerClientID, ClientSecret: linkedinsim.DefaultPartnerClientSecret,
		PublicURL: public, HTTPClient: &http.Client{Timeout: 10 * time.Second}, RecordsPerMinute: -1, CallsPerDay: -1,
		StatusPollInterval: time.Hour, Logger: slog.New(slog.NewTextHandler(e.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
	if err != nil {
		e.t.Fatal(err)
	}
	return s
}

// startSim starts linkedinsim on its own SQLite database, with its push
// worker when pushes is set.
func (e *liEnv) startSim(pushes bool) {
	t := e.t
	e.simDB = simstore.New(sqldbtest.OpenSQLite(t, simstore.MigrationsFor(sqldb.SQLite)), nil)
	if err := linkedinsim.Generate(e.ctx, e.simDB, 1, 200); err != nil {
		t.Fatal(err)
	}
	e.sim = linkedinsim.NewService(e.simDB, nil)
	srv := httptest.NewServer(linkedinsim.NewServer(e.sim, slog.New(slog.DiscardHandler)).Handler())
	t.Cleanup(srv.Close)
	e.simURL = srv.URL
	if !pushes {
		return
	}
	ctx, cancel := context.WithCancel(e.ctx)
	done := make(chan struct{})
	w := linkedinsim.NewPushWorker(e.sim, linkedinsim.PushWorkerConfig{Poll: 50 * time.Millisecond,
		Backoff:   func(int) time.Duration { return 50 * time.Millisecond },
		OnAttempt: func(a linkedinsim.PushAttempt) { e.delivered <- a }})
	go func() {
		defer close(done)
		w.Run(ctx) //nolint:errcheck // Run returns nil when ctx ends
	}()
	t.Cleanup(func() { cancel(); <-done })
}

// user creates an ATS user with role.
func (e *liEnv) user(role ats.Role) *ats.User {
	e.t.Helper()
	email := string(role) + "-" + strings.ReplaceAll(time.Now().Format("150405.000000000"), ".", "") + "@example.com"
	u, err := e.svc.CreateUser(ats.NewContextWithUser(e.ctx, &ats.SystemUser),
		ats.UserInput{Email: email, Name: "User " + string(role), Role: role, Password: "correct horse battery"})
	if err != nil {
		e.t.Fatal(err)
	}
	return u
}

// as returns a context acting as a new user with role.
func (e *liEnv) as(role ats.Role) context.Context {
	return ats.NewContextWithUser(e.ctx, e.user(role))
}

// integration reads the stored integration.
func (e *liEnv) integration() *ats.LinkedInIntegration {
	e.t.Helper()
	in, err := e.s.loadIntegration(e.ctx)
	if err != nil {
		e.t.Fatal(err)
	}
	return in
}

// member returns the simulated member holding a seat (by seat id).
func (e *liEnv) member(seat int64) *linkedinsim.Member {
	e.t.Helper()
	st, _, err := e.simDB.FindSeatContract(e.ctx, seat)
	if err != nil {
		e.t.Fatal(err)
	}
	m, err := e.simDB.FindMemberByID(e.ctx, st.MemberID)
	if err != nil {
		e.t.Fatal(err)
	}
	return m
}

// widgetRequest plays the onboarding widget: the contract's admin asks
// for level, and the widget hands the page its payload.
func (e *liEnv) widgetRequest(apiKey string, adminSeat int64, org, contract string, level linkedinsim.Level) RequestInput {
	e.t.Helper()
	reqID, err := e.sim.RequestIntegration(e.ctx, apiKey, e.member(adminSeat).PersonURN, org, contract, level)
	if err != nil {
		e.t.Fatal(err)
	}
	in := RequestInput{Organization: org, Contract: contract, RequestID: reqID, Bundle: BundleCompany,
		IntegrationTypes: []string{"ONE_CLICK_EXPORT", "IN_ATS_INDICATOR", "PROFILE_PLUGIN"}}
	if level == linkedinsim.LevelContract {
		in.Bundle, in.IntegrationTypes = BundleContract, append(in.IntegrationTypes, "CSA_API")
	}
	return in
}

// connectAndRequest runs Connect and a contract-level Request for
// organization 1001, ending partner ready.
func (e *liEnv) connectAndRequest() *WidgetConfig {
	e.t.Helper()
	w, err := e.s.Connect(e.admin)
	if err != nil {
		e.t.Fatal(err)
	}
	v, err := e.s.Request(e.admin, e.widgetRequest(w.APIKey, 90001, liOrg, liContract, linkedinsim.LevelContract))
	if err != nil {
		e.t.Fatal(err)
	}
	if v.Stage != ats.StagePartnerReady {
		e.t.Fatalf("stage after Request = %s, want partner_ready", v.Stage)
	}
	return w
}

// control calls linkedinsim's control API, as LinkedIn's users act.
func (e *liEnv) control(method, path string, body any) {
	e.t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(method, e.simURL+path, bytes.NewReader(b))
	req.Header.Set("Authorization", "Bearer "+linkedinsim.DefaultControlToken)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	data, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		e.t.Fatalf("%s %s = %d %s", method, path, resp.StatusCode, data)
	}
}

// enable switches on access of level for contract 5001, as its admin.
func (e *liEnv) enable(level string) {
	e.t.Helper()
	e.control("POST", "/sim/v1/ats-instances/"+e.integration().AppURN+"/enable",
		map[string]string{"level": level, "contract": liContract, "actor": liAdminSeat})
}

// waitFor polls cond until it holds; the deadline only bounds a failure.
func (e *liEnv) waitFor(what string, cond func() bool) {
	e.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			e.t.Fatalf("timed out waiting for %s\nlogs:\n%s", what, e.logs.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// waitDelivered waits until linkedinsim delivered a notification to the
// callback with a 2xx.
func (e *liEnv) waitDelivered() linkedinsim.PushAttempt {
	e.t.Helper()
	timeout := time.After(15 * time.Second)
	for {
		select {
		case a := <-e.delivered:
			if a.StatusCode/100 == 2 {
				return a
			}
			e.t.Logf("push attempt answered %d: %s", a.StatusCode, a.Error)
		case <-timeout:
			e.t.Fatalf("no push delivered\nlogs:\n%s", e.logs.String())
		}
	}
}

// lockedLog collects log lines from concurrent tasks.
type lockedLog struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *lockedLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *lockedLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// fakeQueue records what the Syncer registers and enqueues; a test runs
// enqueued tasks itself with run.
type fakeQueue struct {
	mu       sync.Mutex
	handlers map[string]queue.Handler
	every    map[string]time.Duration
	queued   []fakeTask
}

type fakeTask struct {
	task    string
	payload []byte
}

func (f *fakeQueue) Handle(task string, h queue.Handler) { f.handlers[task] = h }

func (f *fakeQueue) Every(task string, interval time.Duration, _ []byte) {
	if f.every == nil {
		f.every = map[string]time.Duration{}
	}
	f.every[task] = interval
}

func (f *fakeQueue) Enqueue(_ context.Context, task string, payload []byte, _ queue.EnqueueOptions) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.queued = append(f.queued, fakeTask{task, payload})
	return nil
}

// take returns and forgets the tasks enqueued so far.
func (f *fakeQueue) take() []fakeTask {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := f.queued
	f.queued = nil
	return out
}
