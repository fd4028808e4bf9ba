package queue

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
)

// taskKind is the River job kind of every task; see the package doc.
const taskKind = "attractor_task"

// taskArgs is the one River job args type. Task picks the Handler; Payload is
// the caller's JSON, kept raw so River stores it as JSON rather than base64.
type taskArgs struct {
	Task    string          `json:"task"`
	Payload json.RawMessage `json:"payload,omitempty"`
}

// Kind implements river.JobArgs.
func (taskArgs) Kind() string { return taskKind }

// newTaskArgs checks task and payload. An empty payload is stored as no
// payload, and the handler then receives nil. Other payloads are made
// canonical, because River's uniqueness hashes the encoded args byte for byte.
func newTaskArgs(task string, payload []byte) (taskArgs, error) {
	if task == "" {
		return taskArgs{}, errors.New("task name is empty")
	}
	if len(payload) == 0 {
		return taskArgs{Task: task}, nil
	}
	canonical, err := canonicalJSON(payload)
	if err != nil {
		return taskArgs{}, fmt.Errorf("payload of task %q is not valid JSON: %w", task, err)
	}
	return taskArgs{Task: task, Payload: canonical}, nil
}

// canonicalJSON re-encodes one JSON value with object keys sorted and no
// insignificant whitespace. Numbers keep their text (UseNumber), so large
// integers are not rounded through float64.
func canonicalJSON(b []byte) ([]byte, error) {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	if _, err := d.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("data after the JSON value")
	}
	return json.Marshal(v)
}

// taskWorker is the one River worker; it dispatches on the task name.
type taskWorker struct {
	river.WorkerDefaults[taskArgs]
	q *Queue
}

// Work runs the task's handler. An unknown task is cancelled, not retried:
// every replica runs the same binary, so no later attempt would find a
// handler. Handler errors are wrapped with the task name because River logs
// and records them under the single kind "attractor_task"; Snooze and Cancel
// still work through the wrapping, since River matches them with errors.As.
func (w *taskWorker) Work(ctx context.Context, job *river.Job[taskArgs]) error {
	h := w.q.handler(job.Args.Task)
	if h == nil {
		return river.JobCancel(fmt.Errorf("no handler for task %q", job.Args.Task))
	}
	if err := h(ctx, job.Args.Payload); err != nil {
		return fmt.Errorf("task %s: %w", job.Args.Task, err)
	}
	return nil
}

// panicLogger is River's ErrorHandler. River already recovers panics, records
// them on the job and retries; this adds an error-level log with the task
// name and stack, because a panic is a bug rather than a transient failure.
// Returned errors need nothing extra: River logs them, task name included.
type panicLogger struct {
	logger *slog.Logger
}

// HandleError implements river.ErrorHandler and leaves the outcome to River.
func (p *panicLogger) HandleError(context.Context, *rivertype.JobRow, error) *river.ErrorHandlerResult {
	return nil
}

// HandlePanic implements river.ErrorHandler.
func (p *panicLogger) HandlePanic(ctx context.Context, job *rivertype.JobRow, panicVal any, trace string) *river.ErrorHandlerResult {
	var args taskArgs
	_ = json.Unmarshal(job.EncodedArgs, &args) // best effort: the log is what matters
	p.logger.ErrorContext(ctx, "task panicked",
		slog.String("task", args.Task),
		slog.Int64("job_id", job.ID),
		slog.Int("attempt", job.Attempt),
		slog.Any("panic", panicVal),
		slog.String("trace", trace),
	)
	return nil
}

// schedulerInterval is how often River's leader moves due `scheduled` jobs to
// `available` (maintenance.JobSchedulerIntervalDefault, which is internal).
const schedulerInterval = 5 * time.Second

// promptDelayHook makes short delays run on time. River inserts a delayed job
// as `scheduled`, and only the leader's scheduler, every 5 s, makes it
// runnable, so a 200 ms delay could run seconds late. Workers already skip
// `available` jobs whose scheduled_at is in the future, which is how River
// itself handles retries and snoozes shorter than the scheduler interval; the
// hook applies the same rule to inserts.
type promptDelayHook struct {
	river.HookDefaults
}

// InsertBegin implements rivertype.HookInsertBegin.
func (*promptDelayHook) InsertBegin(_ context.Context, params *rivertype.JobInsertParams) error {
	if params.State == rivertype.JobStateScheduled && params.ScheduledAt != nil &&
		time.Until(*params.ScheduledAt) <= schedulerInterval {
		params.State = rivertype.JobStateAvailable
	}
	return nil
}
