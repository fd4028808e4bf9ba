package queue

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/riverqueue/river/rivertype"

	"attractor/internal/sqldb"
)

// Defaults for Options and the grace period of a hard stop.
const (
	defaultPollInterval = 100 * time.Millisecond
	defaultWorkers      = 4
	// hardStopWait bounds how long Stop waits for tasks to return once their
	// contexts are cancelled; a Handler that ignores ctx cannot hang shutdown.
	hardStopWait = 5 * time.Second
)

// Handler runs one task; payload is what Enqueue was given, as equivalent
// JSON rather than the same bytes (whitespace and object key order may
// differ), or nil if the payload was empty. A nil error completes the task;
// Snooze and Cancel control what happens next; any other error is retried
// with exponential backoff until the task's attempts run out. A panic counts
// as an error.
//
// ctx is cancelled when the task has run for Options.TaskTimeout and when
// Stop gives up waiting, so long tasks must watch it.
type Handler func(ctx context.Context, payload []byte) error

// Options tunes a Queue. The zero value is usable.
type Options struct {
	// Logger receives River's logs and panics from handlers; nil discards.
	Logger *slog.Logger
	// PollInterval is how often idle workers look for new jobs. SQLite has no
	// LISTEN/NOTIFY, so it bounds the pickup latency there; on PostgreSQL it
	// is only a fallback. Zero means 100ms.
	PollInterval time.Duration
	// Workers is how many tasks one process runs at once. Zero means 4.
	Workers int
	// TaskTimeout cancels a task's context after this long. Zero means no
	// limit: a historical sync runs for as long as LinkedIn's pacing needs,
	// and resumes from its saved progress if it is stopped.
	TaskTimeout time.Duration
}

// EnqueueOptions controls one Enqueue.
type EnqueueOptions struct {
	// Unique makes Enqueue a no-op while a job with the same task and
	// payload is waiting (available, scheduled, retryable) or running.
	// Finished jobs do not count, so the task may be enqueued again once the
	// previous one has completed, been cancelled or been discarded. Payloads
	// are compared as canonical JSON, so whitespace and key order do not
	// matter.
	Unique bool
	// Delay makes the task run no earlier than now+Delay.
	Delay time.Duration
	// MaxAttempts is how many times the task may run before it is discarded
	// (snoozes do not count). Zero means 25.
	MaxAttempts int
}

// Queue is a durable task queue in the application's database. Register
// handlers and periodic tasks, call Migrate and Start, and Stop on shutdown.
// Enqueue works before Start (the task waits in the database).
type Queue struct {
	db       *sqldb.DB
	client   riverClient
	migrator riverMigrator

	mu       sync.RWMutex
	handlers map[string]Handler
	periodic []string // tasks passed to Every, checked against handlers by Start
	started  bool
}

// riverClient is the part of *river.Client[TTx] the queue uses. It does not
// mention TTx, so one field holds the SQLite or the PostgreSQL client.
type riverClient interface {
	Start(ctx context.Context) error
	Stop(ctx context.Context) error
	StopAndCancel(ctx context.Context) error
	Insert(ctx context.Context, args river.JobArgs, opts *river.InsertOpts) (*rivertype.JobInsertResult, error)
	PeriodicJobs() *river.PeriodicJobBundle
}

// riverMigrator is the part of *rivermigrate.Migrator[TTx] the queue uses.
type riverMigrator interface {
	Migrate(ctx context.Context, direction rivermigrate.Direction, opts *rivermigrate.MigrateOpts) (*rivermigrate.MigrateResult, error)
}

// New builds a queue over db without touching the database; call Migrate
// before Start. On SQLite River uses db.Write, the single writer connection;
// on PostgreSQL it uses db.Pool.
func New(db *sqldb.DB, opt Options) (*Queue, error) {
	logger := opt.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	poll := opt.PollInterval
	if poll <= 0 {
		poll = defaultPollInterval
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = defaultWorkers
	}

	q := &Queue{db: db, handlers: make(map[string]Handler)}
	bundle := river.NewWorkers()
	if err := river.AddWorkerSafely(bundle, &taskWorker{q: q}); err != nil {
		return nil, fmt.Errorf("new queue: %w", err)
	}
	cfg := &river.Config{
		ErrorHandler:      &panicLogger{logger: logger},
		FetchCooldown:     min(river.FetchCooldownDefault, poll),
		FetchPollInterval: poll,
		Hooks:             []rivertype.Hook{&promptDelayHook{}},
		JobTimeout:        taskTimeout(opt.TaskTimeout),
		Logger:            logger,
		Queues:            map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: workers}},
		Workers:           bundle,
	}
	var err error
	switch db.Engine {
	case sqldb.SQLite:
		q.client, q.migrator, err = newRiver(riversqlite.New(db.Write), cfg)
	case sqldb.Postgres:
		q.client, q.migrator, err = newRiver(riverpgxv5.New(db.Pool), cfg)
	default:
		err = fmt.Errorf("unsupported engine %q", db.Engine)
	}
	if err != nil {
		return nil, fmt.Errorf("new queue: %w", err)
	}
	return q, nil
}

// newRiver builds the client and migrator for one driver.
func newRiver[TTx any](driver riverdriver.Driver[TTx], cfg *river.Config) (riverClient, riverMigrator, error) {
	client, err := river.NewClient(driver, cfg)
	if err != nil {
		return nil, nil, err
	}
	migrator, err := rivermigrate.New(driver, &rivermigrate.Config{Logger: cfg.Logger})
	if err != nil {
		return nil, nil, err
	}
	return client, migrator, nil
}

// Handle registers h for task. It must be called before Start, and only once
// per task; breaking either rule is a programming error and panics, like
// registering a pattern twice on an http.ServeMux.
func (q *Queue) Handle(task string, h Handler) {
	q.mu.Lock()
	defer q.mu.Unlock()
	switch {
	case q.started:
		panic(fmt.Sprintf("queue: Handle(%q) after Start", task))
	case task == "" || h == nil:
		panic("queue: Handle needs a task name and a handler")
	case q.handlers[task] != nil:
		panic(fmt.Sprintf("queue: task %q already has a handler", task))
	}
	q.handlers[task] = h
}

// handler returns the handler for task, or nil.
func (q *Queue) handler(task string) Handler {
	q.mu.RLock()
	defer q.mu.RUnlock()
	return q.handlers[task]
}

// Every runs task periodically (also once at start); on PostgreSQL only the
// elected leader schedules it, so replicas do not double-run. A run is
// skipped while the previous one with the same payload is still waiting or
// running, so a slow or failing task does not pile up copies. The task needs
// a handler by the time Start is called. Like Handle, Every must be called
// before Start and panics on misuse (after Start, interval ≤ 0, payload that
// is not JSON).
func (q *Queue) Every(task string, interval time.Duration, payload []byte) {
	args, err := newTaskArgs(task, payload)
	if err != nil {
		panic("queue: Every: " + err.Error())
	}
	if interval <= 0 {
		panic(fmt.Sprintf("queue: Every(%q): interval must be positive, got %s", task, interval))
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.started {
		panic(fmt.Sprintf("queue: Every(%q) after Start", task))
	}
	q.periodic = append(q.periodic, task)
	q.client.PeriodicJobs().Add(river.NewPeriodicJob(
		river.PeriodicInterval(interval),
		func() (river.JobArgs, *river.InsertOpts) {
			return args, &river.InsertOpts{UniqueOpts: uniqueWhileWaiting()}
		},
		&river.PeriodicJobOpts{RunOnStart: true},
	))
}

// Enqueue adds a task for some worker (in this or another process) to run.
// payload must be JSON, or empty for none, so that jobs stay readable in
// River's tables. With opt.Unique a duplicate is skipped and is not an error.
func (q *Queue) Enqueue(ctx context.Context, task string, payload []byte, opt EnqueueOptions) error {
	args, err := newTaskArgs(task, payload)
	if err != nil {
		return fmt.Errorf("enqueue: %w", err)
	}
	if opt.MaxAttempts < 0 {
		return fmt.Errorf("enqueue %s: MaxAttempts must not be negative, got %d", task, opt.MaxAttempts)
	}
	insert := &river.InsertOpts{MaxAttempts: opt.MaxAttempts}
	if opt.Delay > 0 {
		insert.ScheduledAt = time.Now().Add(opt.Delay)
	}
	if opt.Unique {
		insert.UniqueOpts = uniqueWhileWaiting()
	}
	if _, err := q.client.Insert(ctx, args, insert); err != nil {
		return fmt.Errorf("enqueue %s: %w", task, err)
	}
	return nil
}

// uniqueWhileWaiting makes a job unique by its args (task and payload) among
// jobs that are waiting or running. River requires available, pending,
// running and scheduled in any custom set; retryable is added because a job
// waiting for its retry is still pending work. Completed, cancelled and
// discarded are left out, so a finished task can be enqueued again at once.
func uniqueWhileWaiting() river.UniqueOpts {
	return river.UniqueOpts{
		ByArgs: true,
		ByState: []rivertype.JobState{
			rivertype.JobStateAvailable,
			rivertype.JobStatePending,
			rivertype.JobStateRetryable,
			rivertype.JobStateRunning,
			rivertype.JobStateScheduled,
		},
	}
}

// Start begins working tasks in background goroutines and, on the leader,
// scheduling periodic tasks. Migrate must have run. ctx is used only for
// start-up: cancelling it later does not stop the queue, so that shutdown is
// always the graceful Stop rather than River's immediate cancellation.
func (q *Queue) Start(ctx context.Context) error {
	q.mu.Lock()
	for _, task := range q.periodic {
		if q.handlers[task] == nil {
			q.mu.Unlock()
			return fmt.Errorf("start queue: periodic task %q has no handler", task)
		}
	}
	q.started = true
	q.mu.Unlock()
	if err := q.client.Start(context.WithoutCancel(ctx)); err != nil {
		return fmt.Errorf("start queue: %w", err)
	}
	return nil
}

// Stop stops fetching tasks and waits for running ones to finish. If ctx is
// done first, it cancels their contexts, waits a few more seconds for them to
// return (they are retried later without using an attempt), and returns an
// error wrapping ctx.Err(). Stop before Start, or a second Stop, is a no-op.
func (q *Queue) Stop(ctx context.Context) error {
	err := q.client.Stop(ctx)
	switch {
	case err == nil:
		return nil
	case ctx.Err() == nil:
		return fmt.Errorf("stop queue: %w", err)
	}
	hardCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), hardStopWait)
	defer cancel()
	if herr := q.client.StopAndCancel(hardCtx); herr != nil {
		return fmt.Errorf("stop queue: tasks ignored cancellation: %w", errors.Join(err, herr))
	}
	return fmt.Errorf("stop queue: cancelled running tasks: %w", err)
}

// Snooze is returned by a Handler to run the task again after d without
// using up an attempt, for example when a partner answers 429 with
// Retry-After. A negative d counts as zero.
func Snooze(d time.Duration) error {
	return river.JobSnooze(max(d, 0))
}

// Cancel is returned by a Handler to give up on the task for good, whatever
// attempts remain, for errors that retrying cannot fix. err is recorded on
// the job.
func Cancel(err error) error {
	return river.JobCancel(err)
}

// taskTimeout turns Options.TaskTimeout into River's JobTimeout, where -1
// means none.
func taskTimeout(d time.Duration) time.Duration {
	if d <= 0 {
		return -1
	}
	return d
}
