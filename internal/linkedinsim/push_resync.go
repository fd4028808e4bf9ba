package linkedinsim

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"time"
)

// Job Resync (rsc-api.md §3.5, "Related webhooks"): LinkedIn asks a
// partner to send some or all of its open jobs again, and the partner must
// answer with an UPDATE of each within JobResyncDeadline
// (rsc-certification.md §6.2). The request is a RESYNC_JOBS push through
// the same durable, signed outbox as the RSC notifications; the simulator
// then notes when each job it asked for was next UPDATEd, so a test or a
// reviewer can see whether the partner answered in time.

// PushResyncJobs is the Job Resync webhook. Unlike the RSC notifications
// it points to no finder: the body says which jobs.
const PushResyncJobs PushType = "RESYNC_JOBS"

// JobResyncDeadline is how long a partner has to re-send resynced jobs.
const JobResyncDeadline = 30 * time.Minute

// maxResyncIDs bounds externalJobPostingIds of one request.
const maxResyncIDs = 1000

// resyncKeep is how long the simulator watches for a resync's answers.
const resyncKeep = 24 * time.Hour

// JobResyncInput is what a resync asks for: every open job of the app, or
// the listed ones (exactly one of the two).
type JobResyncInput struct {
	SyncAllOpenJobs       bool     `json:"syncAllOpenJobs"`
	ExternalJobPostingIDs []string `json:"externalJobPostingIds"`
}

// resyncBody is the RESYNC_JOBS wire body; id is the notification's own
// id, which a partner uses to drop redelivered copies.
type resyncBody struct {
	ID                      string   `json:"id"`
	Type                    PushType `json:"type"`
	DeveloperApplicationURN string   `json:"developerApplicationUrn"`
	SyncAllOpenJobs         bool     `json:"syncAllOpenJobs"`
	ExternalJobPostingIDs   []string `json:"externalJobPostingIds"`
}

// validate checks and normalises the input; errors name the field.
func (in *JobResyncInput) validate() error {
	ids := make([]string, 0, len(in.ExternalJobPostingIDs))
	for _, id := range in.ExternalJobPostingIDs {
		id = strings.TrimSpace(id)
		if id == "" || len(id) > 200 {
			return Errorf(EINVALID, "externalJobPostingIds: each id must be 1 to 200 characters.")
		}
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	in.ExternalJobPostingIDs = ids
	switch {
	case in.SyncAllOpenJobs && len(ids) > 0:
		return Errorf(EINVALID, "syncAllOpenJobs: give either syncAllOpenJobs true or externalJobPostingIds, not both.")
	case !in.SyncAllOpenJobs && len(ids) == 0:
		return Errorf(EINVALID, "externalJobPostingIds: give at least one id, or syncAllOpenJobs true.")
	case len(ids) > maxResyncIDs:
		return Errorf(EINVALID, "externalJobPostingIds: at most %d ids.", maxResyncIDs)
	}
	return nil
}

// RequestJobResync queues a RESYNC_JOBS push to a child app and starts
// watching for its answers; it returns the request, not yet delivered.
// Invalid input is EINVALID naming the field; an unknown app ENOTFOUND.
func (s *Service) RequestJobResync(ctx context.Context, appID int64, in JobResyncInput) (*JobResync, error) {
	if err := in.validate(); err != nil {
		return nil, err
	}
	if _, err := s.childApp(ctx, appID); err != nil {
		return nil, err
	}
	now := s.now()
	id := newRequestID()
	ids := in.ExternalJobPostingIDs
	if ids == nil {
		ids = []string{}
	}
	body, err := json.Marshal(resyncBody{ID: id, Type: PushResyncJobs, DeveloperApplicationURN: AppURN(appID),
		SyncAllOpenJobs: in.SyncAllOpenJobs, ExternalJobPostingIDs: ids})
	if err != nil {
		return nil, err
	}
	p := PushNotification{ID: newRequestID(), AppID: appID, Type: PushResyncJobs, NotificationID: id, Body: body,
		NextAttemptAt: now, CreatedAt: now}
	s.resync.watch(id, appID, now, in)
	if err := s.store.CreatePush(ctx, &p); err != nil {
		s.resync.forget(id)
		return nil, err
	}
	s.wakePushWorker()
	r := &JobResync{NotificationID: id, RequestedAt: now, Deadline: now.Add(JobResyncDeadline),
		SyncAllOpenJobs: in.SyncAllOpenJobs, ExternalJobPostingIDs: ids, Watched: true, Jobs: []JobResyncAnswer{}}
	for _, id := range ids {
		r.Jobs = append(r.Jobs, JobResyncAnswer{ExternalJobPostingID: id})
	}
	return r, nil
}

// JobResync is a resync request with its delivery and answers.
type JobResync struct {
	NotificationID        string
	RequestedAt           time.Time
	Deadline              time.Time
	DeliveredAt           time.Time // zero while undelivered
	Attempts              int
	SyncAllOpenJobs       bool
	ExternalJobPostingIDs []string
	// Jobs are the jobs asked for with when each was next UPDATEd: every
	// listed id, or for syncAllOpenJobs the jobs UPDATEd so far.
	Jobs []JobResyncAnswer
	// Watched is false when the simulator restarted since the request:
	// the request and its delivery are durable, the answers are not.
	Watched bool
}

// JobResyncAnswer is one job of a resync: UpdatedAt is the first UPDATE
// of it after the request (zero: none yet).
type JobResyncAnswer struct {
	ExternalJobPostingID string
	UpdatedAt            time.Time
	WithinDeadline       bool
}

// JobResyncs returns an app's resync requests, oldest first.
func (s *Service) JobResyncs(ctx context.Context, appID int64) ([]JobResync, error) {
	if _, err := s.childApp(ctx, appID); err != nil {
		return nil, err
	}
	pushes, err := s.store.ListPushes(ctx, appID)
	if err != nil {
		return nil, err
	}
	out := []JobResync{}
	for _, p := range pushes {
		if p.Type != PushResyncJobs {
			continue
		}
		var b resyncBody
		if err := json.Unmarshal(p.Body, &b); err != nil {
			return nil, err
		}
		r := JobResync{NotificationID: p.NotificationID, RequestedAt: p.CreatedAt,
			Deadline: p.CreatedAt.Add(JobResyncDeadline), DeliveredAt: p.DeliveredAt, Attempts: p.Attempts,
			SyncAllOpenJobs: b.SyncAllOpenJobs, ExternalJobPostingIDs: b.ExternalJobPostingIDs, Jobs: []JobResyncAnswer{}}
		answered, watched := s.resync.answers(p.NotificationID)
		r.Watched = watched
		ids := b.ExternalJobPostingIDs
		if b.SyncAllOpenJobs {
			ids = ids[:0:0]
			for id := range answered {
				ids = append(ids, id)
			}
			slices.Sort(ids)
		}
		for _, id := range ids {
			a := JobResyncAnswer{ExternalJobPostingID: id, UpdatedAt: answered[id]}
			a.WithinDeadline = !a.UpdatedAt.IsZero() && !a.UpdatedAt.After(r.Deadline)
			r.Jobs = append(r.Jobs, a)
		}
		out = append(out, r)
	}
	slices.SortStableFunc(out, func(a, b JobResync) int { return a.RequestedAt.Compare(b.RequestedAt) })
	return out, nil
}

// resyncLog watches the answers to resync requests in memory: for each
// request, when each job it asked for was first UPDATEd after it.
type resyncLog struct {
	mu   sync.Mutex
	reqs map[string]*resyncWatch // by notification id
}

type resyncWatch struct {
	appID    int64
	at       time.Time
	all      bool
	ids      map[string]bool
	answered map[string]time.Time
}

func newResyncLog() *resyncLog { return &resyncLog{reqs: map[string]*resyncWatch{}} }

func (l *resyncLog) watch(id string, appID int64, at time.Time, in JobResyncInput) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for k, w := range l.reqs {
		if at.Sub(w.at) > resyncKeep {
			delete(l.reqs, k)
		}
	}
	w := &resyncWatch{appID: appID, at: at, all: in.SyncAllOpenJobs, ids: map[string]bool{},
		answered: map[string]time.Time{}}
	for _, id := range in.ExternalJobPostingIDs {
		w.ids[id] = true
	}
	l.reqs[id] = w
}

func (l *resyncLog) forget(id string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.reqs, id)
}

// answers returns a copy of a request's answers; false if not watched.
func (l *resyncLog) answers(id string) (map[string]time.Time, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	w, ok := l.reqs[id]
	out := map[string]time.Time{}
	if ok {
		for k, v := range w.answered {
			out[k] = v
		}
	}
	return out, ok
}

// sawJobs notes the UPDATEs among stored jobs.
func (l *resyncLog) sawJobs(jobs []*Job) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.reqs) == 0 {
		return
	}
	for _, j := range jobs {
		var op struct {
			Type string `json:"jobPostingOperationType"`
		}
		if json.Unmarshal(j.Body, &op) != nil || op.Type != "UPDATE" {
			continue
		}
		for _, w := range l.reqs {
			if w.appID != j.AppID || j.UpdatedAt.Before(w.at) || !(w.all || w.ids[j.ExternalJobPostingID]) {
				continue
			}
			if _, done := w.answered[j.ExternalJobPostingID]; !done {
				w.answered[j.ExternalJobPostingID] = j.UpdatedAt
			}
		}
	}
}

// resyncStore is the Store a Service uses: it tells the resync log about
// every job written, after the write succeeded.
type resyncStore struct {
	Store
	log *resyncLog
}

func (s *resyncStore) PutJobs(ctx context.Context, jobs []*Job, tasks []*JobTask) error {
	if err := s.Store.PutJobs(ctx, jobs, tasks); err != nil {
		return err
	}
	s.log.sawJobs(jobs)
	return nil
}
