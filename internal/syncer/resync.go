package syncer

import (
	"context"
	"errors"
	"log/slog"
	"strings"

	"attractor/internal/ats"
)

// This file answers LinkedIn's Job Resync webhook (rsc-api.md §3.5,
// "Related webhooks"; rsc-certification.md §6.2): a RESYNC_JOBS
// notification names the developer application and either every open job
// (syncAllOpenJobs) or some externalJobPostingIds, and the partner must
// send those jobs again with UPDATE within 30 minutes. The callback checks
// and records it like any notification; the notification task queues the
// jobs in the outbox, whose drain sends each job's full record (UPDATE
// once LinkedIn has the job) within seconds.

// maxResyncIDs bounds the externalJobPostingIds of one notification; the
// body limit (MaxNotificationBody) bounds it anyway.
const maxResyncIDs = 1000

// resyncPage is how many jobs one read of the open-job scan takes.
const resyncPage = 500

// resyncFields is the content of a RESYNC_JOBS notification.
type resyncFields struct {
	DeveloperApplicationURN string   `json:"developerApplicationUrn,omitempty"`
	SyncAllOpenJobs         bool     `json:"syncAllOpenJobs,omitempty"`
	ExternalJobPostingIDs   []string `json:"externalJobPostingIds,omitempty"`
}

// validate checks a RESYNC_JOBS body; its error is the client's message.
func (f *resyncFields) validate() error {
	f.DeveloperApplicationURN = strings.TrimSpace(f.DeveloperApplicationURN)
	if !strings.HasPrefix(f.DeveloperApplicationURN, "urn:li:developerApplication:") {
		return errors.New("A RESYNC_JOBS notification needs a developerApplicationUrn (urn:li:developerApplication:…).")
	}
	if !f.SyncAllOpenJobs && len(f.ExternalJobPostingIDs) == 0 {
		return errors.New("A RESYNC_JOBS notification needs syncAllOpenJobs or externalJobPostingIds.")
	}
	if len(f.ExternalJobPostingIDs) > maxResyncIDs {
		return errors.New("A RESYNC_JOBS notification lists at most 1000 externalJobPostingIds.")
	}
	for _, id := range f.ExternalJobPostingIDs {
		if strings.TrimSpace(id) == "" || len(id) > maxRequestID {
			return errors.New("Each externalJobPostingId must be 1 to 200 characters.")
		}
	}
	return nil
}

// resyncJobs queues the jobs a RESYNC_JOBS notification asks for: every
// open job (active, so neither draft nor closed) for syncAllOpenJobs,
// else the listed jobs this instance has and has sent (a draft was never
// on LinkedIn). Unknown ids are logged and skipped. A notification for
// another developer application changes nothing. The queued rows are sent
// by the drain like any change, so the job goes out as UPDATE (or CREATE
// should LinkedIn not have it).
func (s *Syncer) resyncJobs(ctx context.Context, in *ats.LinkedInIntegration, n notification) error {
	log := s.log.With(slog.String("id", n.ID))
	if in.AppURN == "" || n.DeveloperApplicationURN != in.AppURN {
		log.WarnContext(ctx, "linkedin job resync ignored: another application's",
			slog.String("app", n.DeveloperApplicationURN))
		return nil
	}
	var queued int
	var unknown []string
	err := s.store.Update(ctx, func(tx ats.Tx) error {
		var refs []ats.OutboxEntry
		var err error
		if n.SyncAllOpenJobs {
			refs, err = openJobRefs(tx)
		} else {
			refs, unknown, err = listedJobRefs(tx, n.ExternalJobPostingIDs)
		}
		if err != nil {
			return err
		}
		queued = len(refs)
		if len(refs) == 0 {
			return nil
		}
		return tx.QueueSync(refs...)
	})
	if err != nil {
		return err
	}
	if len(unknown) > 0 {
		log.WarnContext(ctx, "linkedin job resync: unknown jobs ignored", slog.Any("externalJobPostingIds", unknown))
	}
	log.InfoContext(ctx, "linkedin job resync queued", slog.Bool("all", n.SyncAllOpenJobs), slog.Int("jobs", queued))
	if queued > 0 {
		s.Kick()
	}
	return nil
}

// openJobRefs returns an outbox entry for every active job.
func openJobRefs(tx ats.Tx) ([]ats.OutboxEntry, error) {
	var refs []ats.OutboxEntry
	for after := ""; ; {
		jobs, err := tx.SyncJobs(after, "", resyncPage)
		if err != nil {
			return nil, err
		}
		for _, sj := range jobs {
			if sj.Job.Status == ats.JobActive {
				refs = append(refs, jobRef(sj.Job.ID))
			}
		}
		if len(jobs) < resyncPage {
			return refs, nil
		}
		after = jobs[len(jobs)-1].Job.ID
	}
}

// listedJobRefs returns an outbox entry for each listed job that exists
// and is not a draft, and the ids it skipped.
func listedJobRefs(tx ats.Tx, ids []string) (refs []ats.OutboxEntry, unknown []string, err error) {
	seen := map[string]bool{}
	for _, id := range ids {
		id = strings.TrimSpace(id)
		if seen[id] {
			continue
		}
		seen[id] = true
		jobs, err := tx.SyncJobs("", id, 1)
		if err != nil {
			return nil, nil, err
		}
		if len(jobs) == 0 || jobs[0].Job.Status == ats.JobDraft {
			unknown = append(unknown, id)
			continue
		}
		refs = append(refs, jobRef(id))
	}
	return refs, unknown, nil
}

func jobRef(id string) ats.OutboxEntry {
	return ats.OutboxEntry{EntityKind: ats.EntityJob, EntityID: id}
}
