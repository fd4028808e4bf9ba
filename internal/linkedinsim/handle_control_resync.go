package linkedinsim

import (
	"net/http"
	"time"
)

// jobResyncWire is a Job Resync request in the control API; times are
// epoch milliseconds (0: not yet).
type jobResyncWire struct {
	NotificationID        string                `json:"notificationId"`
	App                   string                `json:"app"`
	SyncAllOpenJobs       bool                  `json:"syncAllOpenJobs"`
	ExternalJobPostingIDs []string              `json:"externalJobPostingIds"`
	RequestedAt           int64                 `json:"requestedAt"`
	Deadline              int64                 `json:"deadline"`
	DeliveredAt           int64                 `json:"deliveredAt"`
	Attempts              int                   `json:"attempts"`
	Watched               bool                  `json:"watched"`
	Jobs                  []jobResyncAnswerWire `json:"jobs"`
}

type jobResyncAnswerWire struct {
	ExternalJobPostingID string `json:"externalJobPostingId"`
	UpdatedAt            int64  `json:"updatedAt"`
	WithinDeadline       bool   `json:"withinDeadline"`
}

func resyncToWire(appID int64, r JobResync) jobResyncWire {
	ids := r.ExternalJobPostingIDs
	if ids == nil {
		ids = []string{}
	}
	jobs := make([]jobResyncAnswerWire, 0, len(r.Jobs))
	for _, j := range r.Jobs {
		jobs = append(jobs, jobResyncAnswerWire{ExternalJobPostingID: j.ExternalJobPostingID,
			UpdatedAt: millisOrZero(j.UpdatedAt), WithinDeadline: j.WithinDeadline})
	}
	return jobResyncWire{NotificationID: r.NotificationID, App: AppURN(appID), SyncAllOpenJobs: r.SyncAllOpenJobs,
		ExternalJobPostingIDs: ids, RequestedAt: millisOrZero(r.RequestedAt), Deadline: millisOrZero(r.Deadline),
		DeliveredAt: millisOrZero(r.DeliveredAt), Attempts: r.Attempts, Watched: r.Watched, Jobs: jobs}
}

func millisOrZero(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// handleJobResyncCreate serves POST /sim/v1/ats-instances/{app}/resync-jobs
// {"syncAllOpenJobs":true} or {"externalJobPostingIds":[…]}: LinkedIn
// sending the app a RESYNC_JOBS webhook. 202 with the request; 400 naming
// the field for a bad body; 404 for an unknown app.
func (s *Server) handleJobResyncCreate(w http.ResponseWriter, r *http.Request) error {
	appID, err := s.controlAppID(r.Context(), r.PathValue("app"))
	if err != nil {
		return err
	}
	var in JobResyncInput
	if err := decodeStrict(r, &in, []string{"syncAllOpenJobs", "externalJobPostingIds"}); err != nil {
		return err
	}
	rs, err := s.svc.RequestJobResync(r.Context(), appID, in)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusAccepted, resyncToWire(appID, *rs))
	return nil
}

// handleJobResyncIndex serves GET /sim/v1/ats-instances/{app}/resync-jobs:
// the app's resync requests, oldest first, each with its delivery and when
// each job asked for was next UPDATEd.
func (s *Server) handleJobResyncIndex(w http.ResponseWriter, r *http.Request) error {
	appID, err := s.controlAppID(r.Context(), r.PathValue("app"))
	if err != nil {
		return err
	}
	list, err := s.svc.JobResyncs(r.Context(), appID)
	if err != nil {
		return err
	}
	out := make([]jobResyncWire, 0, len(list))
	for _, rs := range list {
		out = append(out, resyncToWire(appID, rs))
	}
	writeJSON(w, http.StatusOK, map[string]any{"elements": out})
	return nil
}
