// Package syncer keeps LinkedIn Recruiter System Connect in step with the
// ATS (architecture.md §5): a historical sync of everything when the
// integration is enabled, then the transactional outbox drained as it
// fills, in dependency order, in batches of at most 100 records, with
// per-entity outcomes (rsc-api.md §2.4, §6.2). It also hosts the setup
// flow, the push callback and user connection, written in
// integration*.go, callback*.go and member*.go.
//
// All work runs as tasks of the durable queue, so it survives restarts
// and, on PostgreSQL, runs on one replica at a time per task.
package syncer

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"attractor/internal/ats"
	"attractor/internal/queue"
	"attractor/internal/rsc"
)

// Task names, as the queue knows them.
const (
	taskDrain      = "linkedin.drain"
	taskHistorical = "linkedin.historical"
)

// Defaults of Config.
const (
	defaultStatusPollInterval = 5 * time.Minute
	// drainInterval is the safety net: a drain runs this often even if no
	// Kick reached this process (another replica wrote the outbox, or a
	// kick was lost in a crash).
	drainInterval = 5 * time.Second
	// kickDebounce coalesces a burst of Kicks into one enqueue.
	kickDebounce = 50 * time.Millisecond
)

// Config configures a Syncer. Store, Queue, APIURL, AuthURL and PublicURL
// are required.
type Config struct {
	Store                        ats.Store
	Queue                        Queue
	APIURL, AuthURL, PlatformURL string // LinkedIn API, auth (OAuth) and widget bases
	ClientID, ClientSecret       string // the partner (parent) app
	// PublicURL is this instance's origin, e.g. http://127.0.0.1:8080; the
	// links LinkedIn shows back to the ATS (companyApplyUrl,
	// externalProfileUrl) are built on it.
	PublicURL  string
	HTTPClient *http.Client
	// RecordsPerMinute and CallsPerDay are each customer app's budgets; 0
	// means LinkedIn's 10,000 and 100,000, negative means unlimited.
	RecordsPerMinute, CallsPerDay int
	// StatusPollInterval is how often the integration status is polled;
	// default 5 minutes.
	StatusPollInterval time.Duration
	// JobTaskCheck is how long after LinkedIn took a job record its task
	// is checked, and between checks while it is in progress; default 5
	// minutes, LinkedIn's advice (rsc-api.md §3.5).
	JobTaskCheck time.Duration
	// HistoricalCalls is how many calls the historical sync keeps under
	// way at once; default 8, 1 sends one at a time. Pacing still holds:
	// every call waits for its records in the app's one token bucket.
	HistoricalCalls int
	Logger          *slog.Logger
	NowFunc         func() time.Time
}

// Queue is the durable task queue the Syncer runs on; *queue.Queue
// satisfies it.
type Queue interface {
	Handle(task string, h queue.Handler)
	Every(task string, interval time.Duration, payload []byte)
	Enqueue(ctx context.Context, task string, payload []byte, opt queue.EnqueueOptions) error
}

// Syncer sends the ATS's data to LinkedIn. It is safe for concurrent use;
// one serves a whole process.
type Syncer struct {
	cfg    Config
	store  ats.Store
	q      Queue
	log    *slog.Logger
	now    func() time.Time
	parent *rsc.Client

	mu       sync.Mutex
	children map[string]childClient // by ClientID
	baseCtx  context.Context        // Start's, bounds kick enqueues

	kick kickState
	// paused is set while LinkedIn refuses the app (credentials, access),
	// so the pause is logged once rather than by every periodic drain.
	paused atomic.Bool
	// stopping is set by Stop: long tasks end at their next page or batch,
	// with their progress saved, instead of being cancelled mid-call.
	stopping atomic.Bool

	// retryBase is the first retry delay of a failed entity; it doubles
	// per attempt up to retryCap. Tests shorten it.
	retryBase time.Duration
}

// childClient is a cached client with the secret it was made with, so a
// reprovisioned app with a new secret gets a new client.
type childClient struct {
	cl     *rsc.Client
	secret string
}

// New returns a Syncer for cfg, filling in defaults.
func New(cfg Config) (*Syncer, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = rsc.NewHTTPClient(60 * time.Second)
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.NowFunc == nil {
		cfg.NowFunc = time.Now
	}
	if cfg.StatusPollInterval <= 0 {
		cfg.StatusPollInterval = defaultStatusPollInterval
	}
	if cfg.JobTaskCheck <= 0 {
		cfg.JobTaskCheck = defaultJobTaskCheck
	}
	if cfg.HistoricalCalls <= 0 {
		cfg.HistoricalCalls = defaultHistoricalCalls
	}
	cfg.PublicURL = strings.TrimSuffix(cfg.PublicURL, "/")
	s := &Syncer{cfg: cfg, store: cfg.Store, q: cfg.Queue, log: cfg.Logger, now: cfg.NowFunc,
		children: map[string]childClient{}, retryBase: time.Second}
	s.parent = s.newClient(cfg.ClientID, cfg.ClientSecret)
	return s, nil
}

func (cfg Config) validate() error {
	switch {
	case cfg.Store == nil:
		return errors.New("syncer: Store is required")
	case cfg.Queue == nil:
		return errors.New("syncer: Queue is required")
	case cfg.APIURL == "" || cfg.AuthURL == "":
		return errors.New("syncer: APIURL and AuthURL are required")
	case !strings.HasPrefix(cfg.PublicURL, "http://") && !strings.HasPrefix(cfg.PublicURL, "https://"):
		return fmt.Errorf("syncer: PublicURL %q must be an http(s) origin", cfg.PublicURL)
	}
	return nil
}

// Start registers every task and periodic task of the Syncer (the sync
// engine's and the integration's) with the queue. It does not start the
// queue. ctx bounds the background enqueues Kick makes.
func (s *Syncer) Start(ctx context.Context) error {
	s.mu.Lock()
	s.baseCtx = ctx
	s.mu.Unlock()
	tasks := map[string]queue.Handler{taskDrain: s.handleDrain, taskHistorical: s.handleHistorical,
		TaskJobTasks: s.handleJobTasks}
	for name, h := range s.integrationTasks() {
		if _, dup := tasks[name]; dup {
			return fmt.Errorf("syncer: task %s registered twice", name)
		}
		tasks[name] = h
	}
	for name, h := range tasks {
		s.q.Handle(name, h)
	}
	s.q.Every(taskDrain, drainInterval, nil)
	s.q.Every(TaskJobTasks, s.cfg.JobTaskCheck, nil)
	s.integrationPeriodic()
	return nil
}

// Stop asks the running sync tasks to end at their next page or batch,
// saving their progress; call it before stopping the queue, so the queue's
// grace period is not spent sending and no call is cancelled in flight.
// The tasks continue from their progress when the queue runs them again.
func (s *Syncer) Stop() { s.stopping.Store(true) }

// sliceOver reports whether a task should end its run now: its slice is
// used up or the syncer is stopping.
func (s *Syncer) sliceOver(deadline time.Time) bool {
	return s.stopping.Load() || s.now().After(deadline)
}

// partner returns the client of the partner's parent app, which may only
// provision (rsc-api.md §1.1).
func (s *Syncer) partner() *rsc.Client { return s.parent }

// child returns the client of the integration's child app. There is one
// per ClientID, so the token is reused across tasks and the pacing budget
// is the customer app's, as LinkedIn counts it (rsc-api.md §2.6).
func (s *Syncer) child(in *ats.LinkedInIntegration) *rsc.Client {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.children[in.ClientID]; ok && c.secret == in.ClientSecret {
		return c.cl
	}
	cl := s.newClient(in.ClientID, in.ClientSecret)
	s.children[in.ClientID] = childClient{cl: cl, secret: in.ClientSecret}
	return cl
}

func (s *Syncer) newClient(id, secret string) *rsc.Client {
	return rsc.New(rsc.Config{APIURL: s.cfg.APIURL, AuthURL: s.cfg.AuthURL, ClientID: id, ClientSecret: secret,
		HTTPClient: s.cfg.HTTPClient, RecordsPerMinute: s.cfg.RecordsPerMinute, CallsPerDay: s.cfg.CallsPerDay,
		Logger: s.log, NowFunc: s.now})
}

// loadIntegration reads the integration; an instance never connected reads
// as a zero one (StageNotConnected).
func (s *Syncer) loadIntegration(ctx context.Context) (*ats.LinkedInIntegration, error) {
	var in *ats.LinkedInIntegration
	err := s.store.View(ctx, func(tx ats.Tx) (err error) {
		in, err = tx.FindIntegration()
		return err
	})
	if ats.ErrorCode(err) == ats.ENOTFOUND {
		return &ats.LinkedInIntegration{Stage: ats.StageNotConnected}, nil
	}
	return in, err
}

// kickState debounces Kick and lets a running drain absorb kicks.
type kickState struct {
	mu       sync.Mutex
	pending  bool // an enqueue is scheduled
	draining bool // a drain runs in this process
	dirty    bool // a kick arrived while it ran
}

// Kick tells the Syncer the outbox changed. It is cheap and never blocks:
// while a drain runs in this process it only marks it dirty (the drain
// looks again before it ends); otherwise it enqueues one drain task at
// most every kickDebounce, so a burst of writes costs one enqueue.
//
// The enqueue is not unique: the queue records a finished task as done
// a moment after its handler returns, and a unique enqueue in that moment
// would be dropped as a duplicate of the task still "running", delaying
// the change until the periodic drain. A second drain arriving while one
// runs here costs a no-op.
func (s *Syncer) Kick() {
	k := &s.kick
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.draining {
		k.dirty = true
		return
	}
	if k.pending {
		return
	}
	k.pending = true
	time.AfterFunc(kickDebounce, s.enqueueDrain)
}

// enqueueDrain is Kick's deferred half.
func (s *Syncer) enqueueDrain() {
	s.kick.mu.Lock()
	s.kick.pending = false
	s.kick.mu.Unlock()
	s.mu.Lock()
	ctx := s.baseCtx
	s.mu.Unlock()
	if ctx == nil {
		ctx = context.Background()
	}
	if ctx.Err() != nil {
		return // shutting down: the periodic drain picks the rows up after restart
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := s.q.Enqueue(ctx, taskDrain, nil, queue.EnqueueOptions{}); err != nil {
		s.log.LogAttrs(ctx, slog.LevelWarn, "enqueue linkedin drain", slog.Any("error", err))
	}
}

// beginDrain claims the drain of this process; false means one is
// running, which has been told to look again.
func (s *Syncer) beginDrain() bool {
	k := &s.kick
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.draining {
		k.dirty = true
		return false
	}
	k.draining, k.dirty = true, false
	return true
}

// endDrain releases the drain unless a kick arrived while it ran; then it
// returns false and the caller drains again. Checking and releasing under
// one lock means no kick falls between the two.
func (s *Syncer) endDrain(force bool) bool {
	k := &s.kick
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.dirty && !force {
		k.dirty = false
		return false
	}
	k.draining, k.dirty = false, false
	return true
}

// StartHistorical begins a historical sync (rsc-api.md §6.2), called when
// the integration becomes enabled: it resets the progress (running, the
// total from CountSyncable, nothing done), drops queued upserts since the
// historical sync sends every entity's latest state anyway (deletes stay
// queued), and enqueues the historical task.
func (s *Syncer) StartHistorical(ctx context.Context) error {
	return s.startHistorical(ctx, false)
}

// startHistorical starts a historical sync; with once, only if none ever
// started, checked in the same transaction: a push and a status poll that
// both see the integration become enabled must not start two runs, the
// second of which would send again what the first had sent.
func (s *Syncer) startHistorical(ctx context.Context, once bool) error {
	if err := s.store.AnalyzeSyncTables(ctx); err != nil {
		s.log.LogAttrs(ctx, slog.LevelWarn, "refresh planner statistics before the historical sync", slog.Any("error", err))
	}
	var run *time.Time
	err := s.store.Update(ctx, func(tx ats.Tx) error {
		run = nil
		if once {
			in, err := tx.FindIntegration()
			if err != nil || in.Progress.State != ats.SyncNotStarted {
				return err
			}
		}
		counts, err := tx.CountSyncable()
		if err != nil {
			return err
		}
		var total int64
		for _, n := range counts {
			total += n
		}
		// Microseconds, as both engines store it: the task names its run
		// by this time and compares it with what is read back.
		now := s.now().UTC().Truncate(time.Microsecond)
		if err := tx.SaveSyncProgress(ats.SyncProgress{State: ats.SyncRunning, Total: total, StartedAt: &now}); err != nil {
			return err
		}
		run = &now
		return tx.ClearOutboxUpserts()
	})
	if err != nil {
		return fmt.Errorf("start historical sync: %w", err)
	}
	if run == nil {
		return nil
	}
	return s.enqueueHistorical(ctx, run)
}
