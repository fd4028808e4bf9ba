package queue_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"attractor/internal/queue"
	"attractor/internal/sqldb"
	"attractor/internal/sqldb/sqldbtest"
)

// bound is how long a test waits for something that should happen. It only
// limits failures; passing tests proceed as soon as the event arrives.
const bound = 10 * time.Second

// testMigrations is the app schema the tests need: one table for handlers
// that write in their own transaction.
var testMigrations = fstest.MapFS{
	"00001_queue_test.sql": {Data: []byte(`-- +goose Up
CREATE TABLE queue_test_note (id TEXT PRIMARY KEY, body TEXT NOT NULL);
-- +goose Down
DROP TABLE queue_test_note;
`)},
}

// forEachEngine runs fn on a fresh SQLite database and, when available, a
// fresh PostgreSQL schema.
func forEachEngine(t *testing.T, fn func(t *testing.T, db *sqldb.DB)) {
	t.Helper()
	for _, engine := range []sqldb.Engine{sqldb.SQLite, sqldb.Postgres} {
		t.Run(engine.String(), func(t *testing.T) {
			t.Parallel()
			t.Logf("engine=%s", engine)
			fn(t, openDB(t, engine))
		})
	}
}

func openDB(t *testing.T, engine sqldb.Engine) *sqldb.DB {
	t.Helper()
	if engine == sqldb.Postgres {
		return sqldbtest.OpenPostgres(t, testMigrations)
	}
	return sqldbtest.OpenSQLite(t, testMigrations)
}

// mustNewQueue builds and migrates a queue and stops it on cleanup.
func mustNewQueue(t *testing.T, db *sqldb.DB, opt queue.Options) *queue.Queue {
	t.Helper()
	q, err := queue.New(db, opt)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	if err := q.Migrate(t.Context()); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), bound)
		defer cancel()
		if err := q.Stop(ctx); err != nil {
			t.Errorf("Stop: %v", err)
		}
	})
	return q
}

func mustStart(t *testing.T, q *queue.Queue) {
	t.Helper()
	if err := q.Start(t.Context()); err != nil {
		t.Fatalf("Start: %v", err)
	}
}

func mustEnqueue(t *testing.T, q *queue.Queue, task, payload string, opt queue.EnqueueOptions) {
	t.Helper()
	if err := q.Enqueue(t.Context(), task, []byte(payload), opt); err != nil {
		t.Fatalf("Enqueue(%s, %s): %v", task, payload, err)
	}
}

// recv waits for one value from ch.
func recv[T any](t *testing.T, ch <-chan T, what string) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(bound):
		t.Fatalf("timed out after %s waiting for %s", bound, what)
		panic("unreachable")
	}
}

// job is a row of River's job table, read with SQL so the tests check what
// is durably recorded rather than what the queue reports.
type job struct {
	State   string
	Attempt int
	Task    string
	Payload string
	Errors  string
}

func listJobs(t *testing.T, db *sqldb.DB) []job {
	t.Helper()
	// River keeps args and errors as JSONB on SQLite too, which json() turns
	// back into text; on PostgreSQL a cast does.
	query := `SELECT state, attempt, CAST(args AS TEXT), COALESCE(CAST(errors AS TEXT), '') FROM river_job ORDER BY id`
	if db.Engine == sqldb.SQLite {
		query = `SELECT state, attempt, json(args), COALESCE(json(errors), '') FROM river_job ORDER BY id`
	}
	rows, err := db.Read.QueryContext(context.Background(), query)
	if err != nil {
		t.Fatalf("list jobs: %v", err)
	}
	defer rows.Close()
	var jobs []job
	for rows.Next() {
		var j job
		var args string
		if err := rows.Scan(&j.State, &j.Attempt, &args, &j.Errors); err != nil {
			t.Fatalf("scan job: %v", err)
		}
		var a struct {
			Task    string          `json:"task"`
			Payload json.RawMessage `json:"payload"`
		}
		if err := json.Unmarshal([]byte(args), &a); err != nil {
			t.Fatalf("decode args %s: %v", args, err)
		}
		j.Task, j.Payload = a.Task, compactJSON(t, a.Payload)
		jobs = append(jobs, j)
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("list jobs: %v", err)
	}
	return jobs
}

// waitSettled waits until every job has reached a final state and returns
// them all; after that no handler can run again.
func waitSettled(t *testing.T, db *sqldb.DB) []job {
	t.Helper()
	deadline := time.Now().Add(bound)
	for {
		jobs := listJobs(t, db)
		settled := true
		for _, j := range jobs {
			switch j.State {
			case "completed", "cancelled", "discarded":
			default:
				settled = false
			}
		}
		if settled {
			return jobs
		}
		if time.Now().After(deadline) {
			t.Fatalf("jobs not settled after %s: %+v", bound, jobs)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func compactJSON(t *testing.T, b []byte) string {
	t.Helper()
	if len(b) == 0 {
		return ""
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, b); err != nil {
		t.Fatalf("compact %s: %v", b, err)
	}
	return buf.String()
}

// counter counts handler runs per key.
type counter struct {
	mu sync.Mutex
	n  map[string]int
}

func (c *counter) inc(key string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.n == nil {
		c.n = make(map[string]int)
	}
	c.n[key]++
	return c.n[key]
}

func (c *counter) get(key string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n[key]
}

func TestEnqueueRunsHandlerWithPayload(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, db *sqldb.DB) {
		q := mustNewQueue(t, db, queue.Options{})
		got := make(chan []byte, 2)
		q.Handle("greet", func(_ context.Context, payload []byte) error {
			got <- payload
			return nil
		})
		q.Handle("bare", func(_ context.Context, payload []byte) error {
			got <- payload
			return nil
		})
		mustStart(t, q)

		mustEnqueue(t, q, "greet", `{"name": "José Müller", "n": 2}`, queue.EnqueueOptions{})
		if got, want := compactJSON(t, recv(t, got, "greet")), `{"n":2,"name":"José Müller"}`; !jsonEqual(t, got, want) {
			t.Errorf("payload = %s, want %s", got, want)
		}
		mustEnqueue(t, q, "bare", "", queue.EnqueueOptions{})
		if p := recv(t, got, "bare"); p != nil {
			t.Errorf("empty payload arrived as %q, want nil", p)
		}
		for _, j := range waitSettled(t, db) {
			if j.State != "completed" || j.Attempt != 1 {
				t.Errorf("job %s: state %s attempt %d, want completed after 1 attempt", j.Task, j.State, j.Attempt)
			}
		}
	})
}

func jsonEqual(t *testing.T, a, b string) bool {
	t.Helper()
	var va, vb any
	if err := json.Unmarshal([]byte(a), &va); err != nil {
		t.Fatalf("decode %s: %v", a, err)
	}
	if err := json.Unmarshal([]byte(b), &vb); err != nil {
		t.Fatalf("decode %s: %v", b, err)
	}
	ja, _ := json.Marshal(va)
	jb, _ := json.Marshal(vb)
	return bytes.Equal(ja, jb)
}

func TestEnqueueRejectsBadInput(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, db *sqldb.DB) {
		q := mustNewQueue(t, db, queue.Options{})
		tests := []struct {
			name, task, payload string
			opt                 queue.EnqueueOptions
		}{
			{"EmptyTask", "", `{}`, queue.EnqueueOptions{}},
			{"PayloadNotJSON", "t", `not json`, queue.EnqueueOptions{}},
			{"PayloadTwoValues", "t", `{} {}`, queue.EnqueueOptions{}},
			{"NegativeMaxAttempts", "t", `{}`, queue.EnqueueOptions{MaxAttempts: -1}},
		}
		for _, tt := range tests {
			if err := q.Enqueue(t.Context(), tt.task, []byte(tt.payload), tt.opt); err == nil {
				t.Errorf("%s: Enqueue succeeded, want error", tt.name)
			}
		}
		if jobs := listJobs(t, db); len(jobs) != 0 {
			t.Errorf("rejected enqueues left jobs: %+v", jobs)
		}
	})
}

func TestUniqueDedupesWhileWaitingOrRunning(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, db *sqldb.DB) {
		q := mustNewQueue(t, db, queue.Options{})
		var runs counter
		running, release := make(chan struct{}), make(chan struct{})
		done := make(chan string, 10)
		q.Handle("sync", func(_ context.Context, payload []byte) error {
			key := compactJSON(t, payload)
			if runs.inc(key) == 1 && key == `{"id":"a"}` {
				close(running)
				<-release
			}
			done <- key
			return nil
		})
		unique := queue.EnqueueOptions{Unique: true}

		// Waiting: two identical enqueues make one job; another payload is
		// another job.
		mustEnqueue(t, q, "sync", `{"id":"a"}`, unique)
		mustEnqueue(t, q, "sync", `{ "id": "a" }`, unique)
		mustEnqueue(t, q, "sync", `{"id":"b","org":1}`, unique)
		mustEnqueue(t, q, "sync", `{"org":1,"id":"b"}`, unique)
		if n := len(listJobs(t, db)); n != 2 {
			t.Fatalf("after enqueueing a twice and b twice: %d jobs, want 2", n)
		}

		// Running: a duplicate of the running job is skipped too.
		mustStart(t, q)
		recv(t, running, "first run of a")
		mustEnqueue(t, q, "sync", `{"id":"a"}`, unique)
		if n := len(listJobs(t, db)); n != 2 {
			t.Errorf("enqueueing a while it runs: %d jobs, want 2", n)
		}
		close(release)
		waitSettled(t, db)

		// Finished: the task may be enqueued again.
		mustEnqueue(t, q, "sync", `{"id":"a"}`, unique)
		recv(t, done, "run")
		recv(t, done, "run")
		recv(t, done, "second run of a")
		jobs := waitSettled(t, db)
		if len(jobs) != 3 || runs.get(`{"id":"a"}`) != 2 || runs.get(`{"id":"b","org":1}`) != 1 {
			t.Errorf("runs a=%d b=%d over %d jobs, want a=2 b=1 over 3 jobs",
				runs.get(`{"id":"a"}`), runs.get(`{"id":"b","org":1}`), len(jobs))
		}
	})
}

func TestDelayIsRespected(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, db *sqldb.DB) {
		q := mustNewQueue(t, db, queue.Options{})
		type run struct {
			name string
			at   time.Time
		}
		ran := make(chan run, 2)
		q.Handle("mark", func(_ context.Context, payload []byte) error {
			ran <- run{compactJSON(t, payload), time.Now()}
			return nil
		})
		mustStart(t, q)

		const delay = 400 * time.Millisecond
		before := time.Now()
		mustEnqueue(t, q, "mark", `"delayed"`, queue.EnqueueOptions{Delay: delay})
		mustEnqueue(t, q, "mark", `"now"`, queue.EnqueueOptions{})
		if first := recv(t, ran, "first run"); first.name != `"now"` {
			t.Fatalf("first run was %s, want the undelayed job", first.name)
		}
		second := recv(t, ran, "delayed run")
		if second.name != `"delayed"` {
			t.Fatalf("second run was %s, want the delayed job", second.name)
		}
		if waited := second.at.Sub(before); waited < delay {
			t.Errorf("delayed job ran after %s, want at least %s", waited, delay)
		}
	})
}

func TestErrorIsRetried(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, db *sqldb.DB) {
		q := mustNewQueue(t, db, queue.Options{})
		var runs counter
		q.Handle("flaky", func(context.Context, []byte) error {
			if runs.inc("flaky") == 1 {
				return errors.New("partner returned 503")
			}
			return nil
		})
		mustStart(t, q)
		mustEnqueue(t, q, "flaky", `{}`, queue.EnqueueOptions{})

		jobs := waitSettled(t, db)
		if len(jobs) != 1 || jobs[0].State != "completed" || jobs[0].Attempt != 2 {
			t.Fatalf("jobs = %+v, want one completed on attempt 2", jobs)
		}
		if !strings.Contains(jobs[0].Errors, "task flaky: partner returned 503") {
			t.Errorf("recorded errors %s do not name the task and error", jobs[0].Errors)
		}
		if n := runs.get("flaky"); n != 2 {
			t.Errorf("handler ran %d times, want 2", n)
		}
	})
}

func TestSnoozeDoesNotUseAttempts(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, db *sqldb.DB) {
		q := mustNewQueue(t, db, queue.Options{})
		var runs counter
		q.Handle("throttled", func(context.Context, []byte) error {
			if runs.inc("throttled") <= 3 {
				return queue.Snooze(20 * time.Millisecond)
			}
			return nil
		})
		mustStart(t, q)
		// One attempt only: a snooze that counted would discard the job.
		mustEnqueue(t, q, "throttled", `{}`, queue.EnqueueOptions{MaxAttempts: 1})

		jobs := waitSettled(t, db)
		if len(jobs) != 1 || jobs[0].State != "completed" || jobs[0].Attempt != 1 {
			t.Fatalf("jobs = %+v, want one completed on attempt 1", jobs)
		}
		if n := runs.get("throttled"); n != 4 {
			t.Errorf("handler ran %d times, want 4 (3 snoozes, 1 success)", n)
		}
	})
}

func TestCancelStopsForGood(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, db *sqldb.DB) {
		q := mustNewQueue(t, db, queue.Options{})
		var runs counter
		q.Handle("doomed", func(context.Context, []byte) error {
			runs.inc("doomed")
			return fmt.Errorf("wrapped: %w", queue.Cancel(errors.New("candidate was deleted")))
		})
		mustStart(t, q)
		mustEnqueue(t, q, "doomed", `{}`, queue.EnqueueOptions{})
		mustEnqueue(t, q, "unknown", `{}`, queue.EnqueueOptions{})

		jobs := waitSettled(t, db)
		want := map[string][]string{
			"doomed":  {"task doomed", "candidate was deleted"},
			"unknown": {"no handler for task", "unknown"},
		}
		for _, j := range jobs {
			if j.State != "cancelled" || j.Attempt != 1 {
				t.Errorf("job %s: state %s attempt %d, want cancelled after 1 attempt", j.Task, j.State, j.Attempt)
			}
			for _, w := range want[j.Task] {
				if !strings.Contains(j.Errors, w) {
					t.Errorf("job %s: errors %s, want them to mention %q", j.Task, j.Errors, w)
				}
			}
		}
		if n := runs.get("doomed"); n != 1 {
			t.Errorf("handler ran %d times, want 1", n)
		}
	})
}

// syncBuffer is a bytes.Buffer safe for River's goroutines to log into.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestPanicIsRecoveredAndLogged(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, db *sqldb.DB) {
		var logs syncBuffer
		logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelError}))
		q := mustNewQueue(t, db, queue.Options{Logger: logger})
		q.Handle("explode", func(context.Context, []byte) error { panic("kaboom") })
		ok := make(chan struct{}, 1)
		q.Handle("after", func(context.Context, []byte) error {
			ok <- struct{}{}
			return nil
		})
		mustStart(t, q)
		mustEnqueue(t, q, "explode", `{}`, queue.EnqueueOptions{MaxAttempts: 1})
		waitSettled(t, db)
		mustEnqueue(t, q, "after", `{}`, queue.EnqueueOptions{})
		recv(t, ok, "a task after the panic")

		jobs := waitSettled(t, db)
		if jobs[0].State != "discarded" || !strings.Contains(jobs[0].Errors, "kaboom") {
			t.Errorf("panicking job = %+v, want discarded with the panic recorded", jobs[0])
		}
		if l := logs.String(); !strings.Contains(l, "task panicked") || !strings.Contains(l, "task=explode") {
			t.Errorf("logs = %q, want an error naming the task", l)
		}
	})
}

// TestEveryRunsOnStartAndSkipsWhileRunning checks the run at start and that
// ticks while that run is still going add no second job.
func TestEveryRunsOnStartAndSkipsWhileRunning(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, db *sqldb.DB) {
		q := mustNewQueue(t, db, queue.Options{})
		var runs counter
		first, release := make(chan []byte, 1), make(chan struct{})
		q.Handle("sync", func(_ context.Context, payload []byte) error {
			if runs.inc("sync") == 1 {
				first <- payload
				<-release
			}
			return nil
		})
		const interval = 100 * time.Millisecond
		q.Every("sync", interval, []byte(`{"scope":"all"}`))
		mustStart(t, q)
		if p := compactJSON(t, recv(t, first, "periodic run on start")); p != `{"scope":"all"}` {
			t.Errorf("payload = %s, want {\"scope\":\"all\"}", p)
		}
		time.Sleep(4 * interval) // several ticks while the first run holds on
		if jobs := listJobs(t, db); len(jobs) != 1 {
			t.Errorf("%d jobs after several ticks with the first still running, want 1: %+v", len(jobs), jobs)
		}
		close(release)
	})
}

func TestStartRejectsPeriodicTaskWithoutHandler(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, db *sqldb.DB) {
		q := mustNewQueue(t, db, queue.Options{})
		q.Every("orphan", time.Hour, nil)
		if err := q.Start(t.Context()); err == nil || !strings.Contains(err.Error(), "orphan") {
			t.Errorf("Start = %v, want an error naming the task", err)
		}
	})
}

func TestStopWaitsForRunningTask(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, db *sqldb.DB) {
		q := mustNewQueue(t, db, queue.Options{})
		started, release := make(chan struct{}), make(chan struct{})
		ctxErr := make(chan error, 1)
		q.Handle("slow", func(ctx context.Context, _ []byte) error {
			close(started)
			<-release // deliberately ignores ctx
			ctxErr <- ctx.Err()
			return nil
		})
		mustStart(t, q)
		mustEnqueue(t, q, "slow", `{}`, queue.EnqueueOptions{})
		recv(t, started, "task start")

		stopped := make(chan error, 1)
		go func() {
			ctx, cancel := context.WithTimeout(context.Background(), bound)
			defer cancel()
			stopped <- q.Stop(ctx)
		}()
		select {
		case err := <-stopped:
			t.Fatalf("Stop returned %v while a task was running", err)
		case <-time.After(200 * time.Millisecond):
		}
		close(release)
		if err := recv(t, stopped, "Stop"); err != nil {
			t.Errorf("Stop = %v, want nil", err)
		}
		if err := recv(t, ctxErr, "task end"); err != nil {
			t.Errorf("task context was cancelled during a graceful stop: %v", err)
		}
		if jobs := listJobs(t, db); len(jobs) != 1 || jobs[0].State != "completed" {
			t.Errorf("jobs = %+v, want one completed", jobs)
		}
	})
}

func TestStopCancelsTasksWhenContextEnds(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, db *sqldb.DB) {
		q := mustNewQueue(t, db, queue.Options{})
		started := make(chan struct{})
		q.Handle("stubborn", func(ctx context.Context, _ []byte) error {
			close(started)
			<-ctx.Done()
			return ctx.Err()
		})
		mustStart(t, q)
		mustEnqueue(t, q, "stubborn", `{}`, queue.EnqueueOptions{})
		recv(t, started, "task start")

		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		defer cancel()
		if err := q.Stop(ctx); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("Stop = %v, want an error wrapping context.DeadlineExceeded", err)
		}
		// The interrupted task goes back to the queue without using an attempt.
		if jobs := listJobs(t, db); len(jobs) != 1 || jobs[0].State != "available" || jobs[0].Attempt != 0 {
			t.Errorf("jobs = %+v, want one available with attempt 0", jobs)
		}
	})
}

// TestHandlerWritesOnWriteHandle checks that River and handlers share db.Write
// without deadlock: on SQLite it is one connection, and four handlers at a
// time each run a write transaction on it and then enqueue a follow-up.
func TestHandlerWritesOnWriteHandle(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, db *sqldb.DB) {
		q := mustNewQueue(t, db, queue.Options{Workers: 4})
		q.Handle("note", func(ctx context.Context, payload []byte) error {
			var id string
			if err := json.Unmarshal(payload, &id); err != nil {
				return queue.Cancel(err)
			}
			tx, err := db.Write.BeginTx(ctx, nil)
			if err != nil {
				return err
			}
			defer tx.Rollback() //nolint:errcheck // no-op after Commit
			var n int
			if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM queue_test_note").Scan(&n); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, "INSERT INTO queue_test_note (id, body) VALUES ($1, $2)",
				id, fmt.Sprintf("seen %d before", n)); err != nil {
				return err
			}
			if err := tx.Commit(); err != nil {
				return err
			}
			return q.Enqueue(ctx, "followup", payload, queue.EnqueueOptions{})
		})
		q.Handle("followup", func(context.Context, []byte) error { return nil })
		mustStart(t, q)
		const n = 20
		for i := range n {
			mustEnqueue(t, q, "note", fmt.Sprintf(`"note-%d"`, i), queue.EnqueueOptions{})
		}

		jobs := waitSettled(t, db)
		var completed int
		for _, j := range jobs {
			if j.State == "completed" {
				completed++
			}
		}
		if completed != 2*n {
			t.Errorf("%d of %d jobs completed, want %d: %+v", completed, len(jobs), 2*n, jobs)
		}
		var notes int
		if err := db.Read.QueryRowContext(t.Context(), "SELECT count(*) FROM queue_test_note").Scan(&notes); err != nil {
			t.Fatal(err)
		}
		if notes != n {
			t.Errorf("%d notes written, want %d", notes, n)
		}
	})
}

// TestReplicasOnPostgres runs two queues on one schema, as two replicas of the
// app would: they migrate concurrently, a unique job runs once, and only the
// leader schedules the periodic task.
func TestReplicasOnPostgres(t *testing.T) {
	t.Parallel()
	t.Log("engine=postgres")
	db1 := sqldbtest.OpenPostgres(t, testMigrations)
	db2 := openSameSchema(t, db1)

	const interval = 400 * time.Millisecond
	var runs counter
	ticked := make(chan struct{}, 100)
	onceRan := make(chan struct{}, 2)
	replicas := make([]*queue.Queue, 2)
	for i, db := range []*sqldb.DB{db1, db2} {
		// A short poll makes each run finish well before the next tick, so
		// the skip-while-running rule of Every cannot hide a second scheduler.
		q, err := queue.New(db, queue.Options{PollInterval: 20 * time.Millisecond})
		if err != nil {
			t.Fatalf("New: %v", err)
		}
		t.Cleanup(func() {
			ctx, cancel := context.WithTimeout(context.Background(), bound)
			defer cancel()
			if err := q.Stop(ctx); err != nil {
				t.Errorf("Stop: %v", err)
			}
		})
		q.Handle("tick", func(context.Context, []byte) error {
			runs.inc("tick")
			ticked <- struct{}{}
			return nil
		})
		q.Handle("once", func(context.Context, []byte) error {
			runs.inc("once")
			onceRan <- struct{}{}
			return nil
		})
		q.Every("tick", interval, nil)
		replicas[i] = q
	}

	// Both replicas migrate a fresh schema at the same time.
	migrated := make(chan error, 2)
	for _, q := range replicas {
		go func() { migrated <- q.Migrate(t.Context()) }()
	}
	for range replicas {
		if err := recv(t, migrated, "Migrate"); err != nil {
			t.Fatalf("concurrent Migrate: %v", err)
		}
	}

	for _, q := range replicas {
		mustEnqueue(t, q, "once", `{"candidate":"c1"}`, queue.EnqueueOptions{Unique: true})
	}
	if n := len(listJobs(t, db1)); n != 1 {
		t.Fatalf("both replicas enqueued a unique job: %d jobs, want 1", n)
	}

	mustStart(t, replicas[0])
	recv(t, ticked, "first periodic run")
	mustStart(t, replicas[1])
	recv(t, onceRan, "unique job")

	// Count runs over a window. If both replicas scheduled, their timers
	// (started at different times) would give about twice as many.
	const window = 5 * interval
	before := runs.get("tick")
	time.Sleep(window)
	n := runs.get("tick") - before
	t.Logf("periodic runs in %s at interval %s: %d", window, interval, n)
	if maxRuns := int(window/interval) + 2; n < 2 || n > maxRuns {
		t.Errorf("periodic task ran %d times in %s, want 2..%d (one scheduler)", n, window, maxRuns)
	}
	if n := runs.get("once"); n != 1 {
		t.Errorf("unique job ran %d times, want 1", n)
	}
}

// openSameSchema opens a second handle on db's schema, as another replica
// would connect.
func openSameSchema(t *testing.T, db *sqldb.DB) *sqldb.DB {
	t.Helper()
	var searchPath string
	if err := db.Read.QueryRowContext(t.Context(), "SHOW search_path").Scan(&searchPath); err != nil {
		t.Fatalf("show search_path: %v", err)
	}
	u, err := url.Parse(sqldbtest.PostgresURL(t))
	if err != nil {
		t.Fatalf("parse test URL: %v", err)
	}
	v := u.Query()
	v.Set("search_path", strings.ReplaceAll(searchPath, " ", ""))
	u.RawQuery = v.Encode()
	db2, err := sqldb.Open(t.Context(), u.String())
	if err != nil {
		t.Fatalf("open second handle: %v", err)
	}
	t.Cleanup(func() {
		if err := db2.Close(); err != nil {
			t.Errorf("close second handle: %v", err)
		}
	})
	return db2
}
