package linkedinsim

import (
	"cmp"
	"context"
	"slices"
	"strings"
)

// ExportJob is a job a seat may export to, with the ATS instance it
// belongs to: the export panel's job typeahead lists these, and its
// "Change ATS" action switches between the instances
// (recruiter-surfaces.md A.2).
type ExportJob struct {
	Job   *Job
	AppID int64
}

// ExportTarget is an ATS instance a seat may export to: a child app with
// ONE_CLICK_EXPORT enabled for the seat's organization.
type ExportTarget struct {
	App         *App
	Integration Integration // its ONE_CLICK_EXPORT integration
}

// JobSearch is the export panel's job search.
type JobSearch struct {
	Seat  string // urn:li:seat:N, required
	Query string // title substring (accent- and case-insensitive) or exact externalJobPostingId; "" lists all
	AppID int64  // only this ATS instance; 0: every enabled one
}

// ExportJobs is the outcome of a job search: every matching job (the
// caller pages) and the ATS instances the seat may export to, matching or
// not, so a UI can offer "Change ATS" even when a search finds nothing.
type ExportJobs struct {
	Jobs    []ExportJob
	Targets []ExportTarget
}

// SearchExportJobs lists the synced, listed jobs the seat may export to,
// across the ATS instances with ONE_CLICK_EXPORT enabled for the seat's
// organization. A job is the instance's when the instance synced it (jobs
// are keyed by app); secured jobs appear only to seats whose member is an
// assignee of one of their app's ACLs (JobsVisibleTo). Exact id matches come first, then title matches
// by title. Errors: a malformed seat EINVALID, an unknown seat
// ENOTFOUND, an inactive one EFORBIDDEN.
func (s *Service) SearchExportJobs(ctx context.Context, q JobSearch) (ExportJobs, error) {
	if strings.TrimSpace(q.Seat) == "" {
		return ExportJobs{}, Errorf(EINVALID, "seat is required: the urn:li:seat:N of the exporting Recruiter seat.")
	}
	seat, con, err := s.exportSeat(ctx, "seat", q.Seat)
	if err != nil {
		return ExportJobs{}, err
	}
	targets, err := s.exportTargets(ctx, con.OrganizationID)
	if err != nil {
		return ExportJobs{}, err
	}
	all, err := s.exportableJobs(ctx, seat.ID)
	if err != nil {
		return ExportJobs{}, err
	}
	enabled := map[int64]bool{}
	for _, t := range targets {
		enabled[t.App.ID] = true
	}
	out := ExportJobs{Jobs: []ExportJob{}, Targets: targets}
	m := newJobMatcher(q.Query)
	for _, ej := range all {
		if enabled[ej.AppID] && (q.AppID == 0 || q.AppID == ej.AppID) && ej.Job.State == JobListed && m.match(ej.Job) {
			out.Jobs = append(out.Jobs, ej)
		}
	}
	slices.SortStableFunc(out.Jobs, func(a, b ExportJob) int {
		return cmp.Or(m.rank(a.Job)-m.rank(b.Job), strings.Compare(FoldName(a.Job.Title), FoldName(b.Job.Title)),
			strings.Compare(a.Job.ExternalJobPostingID, b.Job.ExternalJobPostingID), cmp.Compare(a.AppID, b.AppID))
	})
	return out, nil
}

// exportTargets returns the child apps with ONE_CLICK_EXPORT enabled for
// the organization, by app id.
func (s *Service) exportTargets(ctx context.Context, org int64) ([]ExportTarget, error) {
	ins, err := s.store.ListAllIntegrations(ctx)
	if err != nil {
		return nil, err
	}
	out := []ExportTarget{}
	for _, in := range ins {
		if in.Key.Type != OneClickExport || in.Status != StatusEnabled || in.OrganizationID != org {
			continue
		}
		app, err := s.store.FindAppByID(ctx, in.AppID)
		if err != nil {
			return nil, err
		}
		out = append(out, ExportTarget{App: app, Integration: in})
	}
	slices.SortFunc(out, func(a, b ExportTarget) int { return cmp.Compare(a.App.ID, b.App.ID) })
	return out, nil
}

// exportableJobs returns every job of the seat's organization the seat may
// see, each under the app that synced it (the same externalJobPostingId in
// two apps is two jobs), closed jobs included.
func (s *Service) exportableJobs(ctx context.Context, seatID int64) ([]ExportJob, error) {
	jobs, err := s.store.JobsVisibleTo(ctx, seatID)
	if err != nil {
		return nil, err
	}
	out := make([]ExportJob, len(jobs))
	for i, j := range jobs {
		out[i] = ExportJob{Job: j, AppID: j.AppID}
	}
	return out, nil
}

// jobMatcher matches the typeahead's text against a job.
type jobMatcher struct {
	raw    string // trimmed, for the exact id match
	folded string // FoldName'd, for the title match
}

func newJobMatcher(q string) jobMatcher {
	q = strings.TrimSpace(q)
	return jobMatcher{raw: q, folded: FoldName(q)}
}

// match reports whether the job's id equals the query or its title
// contains it, ignoring case and accents.
func (m jobMatcher) match(j *Job) bool {
	return m.raw == "" || j.ExternalJobPostingID == m.raw || strings.Contains(FoldName(j.Title), m.folded)
}

// rank puts exact id matches (0) before title matches (1).
func (m jobMatcher) rank(j *Job) int {
	if m.raw != "" && j.ExternalJobPostingID == m.raw {
		return 0
	}
	return 1
}
