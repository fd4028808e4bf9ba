package store

import (
	"attractor/internal/ats"
	"attractor/internal/store/dbq"
)

// The sync engine's readers (ats.LinkedInTx). Each returns one keyset page
// in id order: ids after `after`, or just `only` when it is set. The
// historical sync must stream at tens of thousands of records a second, so
// a page costs one query (two for stages and teams, whose second query
// reads the page's id range instead of an IN-list): no per-row follow-ups.
// The Prospect rule's withheld flags are computed in SQL (linkedin.sql).

// SyncJobs returns jobs of every status, drafts included (the sync engine
// skips those), with whether LinkedIn has them.
func (t *tx) SyncJobs(after, only string, limit int) ([]ats.SyncJob, error) {
	rows, err := t.q.SyncJobs(t.ctx, dbq.SyncJobsParams{AfterID: after, OnlyID: only, Lim: int32(limit)})
	if err != nil {
		return nil, wrap(err, "sync jobs")
	}
	out := make([]ats.SyncJob, len(rows))
	for i, r := range rows {
		out[i] = ats.SyncJob{Job: *jobFromRow(r.Job), Sent: r.Sent}
	}
	return out, nil
}

// SyncCandidates returns candidates; one whose applications are all still
// in Prospect is withheld (one with no application is not).
func (t *tx) SyncCandidates(after, only string, limit int) ([]ats.SyncCandidate, error) {
	rows, err := t.q.SyncCandidates(t.ctx, dbq.SyncCandidatesParams{AfterID: after, OnlyID: only, Lim: int32(limit)})
	if err != nil {
		return nil, wrap(err, "sync candidates")
	}
	out := make([]ats.SyncCandidate, len(rows))
	for i, r := range rows {
		c, err := candidateFromRow(r.Candidate)
		if err != nil {
			return nil, err
		}
		out[i] = ats.SyncCandidate{Candidate: *c, Withheld: r.Withheld}
	}
	return out, nil
}

// SyncApplications returns applications with their phase, candidate
// summary and job title; one in a Prospect phase is withheld.
func (t *tx) SyncApplications(after, only string, limit int) ([]ats.SyncApplication, error) {
	rows, err := t.q.SyncApplications(t.ctx, dbq.SyncApplicationsParams{AfterID: after, OnlyID: only, Lim: int32(limit)})
	if err != nil {
		return nil, wrap(err, "sync applications")
	}
	out := make([]ats.SyncApplication, len(rows))
	for i, r := range rows {
		a := r.Application
		app := applicationFromRow(dbq.ListApplicationsByJobRow{
			ID: a.ID, CandidateID: a.CandidateID, JobID: a.JobID, PhaseID: a.PhaseID, Status: a.Status,
			RejectionReason: a.RejectionReason, Source: a.Source, Prospect: a.Prospect,
			CreatedBy: a.CreatedBy, CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt,
			PhaseName: r.PhaseName, PhaseKind: r.PhaseKind, CandidateNumber: r.CandidateNumber,
			CandidateFirstName: r.CandidateFirstName, CandidateLastName: r.CandidateLastName,
			CandidateEmail: r.CandidateEmail,
		})
		out[i] = ats.SyncApplication{Application: *app, JobTitle: r.JobTitle, Withheld: withheldKind(r.PhaseKind)}
	}
	return out, nil
}

// withheldKind reports whether an application in a phase of kind is
// withheld by the Prospect rule.
func withheldKind(kind string) bool { return ats.PhaseKind(kind) == ats.PhaseProspect }

// SyncStages returns the phase history of applications that have one, keyed
// by application id, entries oldest first; it is withheld with its
// application.
func (t *tx) SyncStages(after, only string, limit int) ([]ats.SyncStages, error) {
	apps, err := t.q.SyncStageApplications(t.ctx, dbq.SyncStageApplicationsParams{AfterID: after, OnlyID: only, Lim: int32(limit)})
	if err != nil {
		return nil, wrap(err, "sync stage applications")
	}
	if len(apps) == 0 {
		return []ats.SyncStages{}, nil
	}
	entries, err := t.q.SyncStageEntries(t.ctx, dbq.SyncStageEntriesParams{
		AfterID: after, LastID: apps[len(apps)-1].ID, OnlyID: only,
	})
	if err != nil {
		return nil, wrap(err, "sync stage entries")
	}
	out := make([]ats.SyncStages, len(apps))
	byApp := make(map[string]*ats.SyncStages, len(apps))
	for i, a := range apps {
		out[i] = ats.SyncStages{ApplicationID: a.ID, Entries: []ats.PhaseEntry{}, Withheld: withheldKind(a.PhaseKind)}
		byApp[a.ID] = &out[i]
	}
	for _, e := range entries {
		if s := byApp[e.ApplicationID]; s != nil {
			s.Entries = append(s.Entries, ats.PhaseEntry{ID: e.ID, ApplicationID: e.ApplicationID, PhaseID: e.PhaseID,
				PhaseName: e.PhaseName, EnteredAt: e.EnteredAt.UTC(), EnteredBy: e.EnteredBy})
		}
	}
	return out, nil
}

// SyncNotes returns candidate and application notes with author names; a
// note is withheld with its subject.
func (t *tx) SyncNotes(after, only string, limit int) ([]ats.SyncNote, error) {
	rows, err := t.q.SyncNotes(t.ctx, dbq.SyncNotesParams{AfterID: after, OnlyID: only, Lim: int32(limit)})
	if err != nil {
		return nil, wrap(err, "sync notes")
	}
	out := make([]ats.SyncNote, len(rows))
	for i, r := range rows {
		n := r.Note
		note := noteFromRow(dbq.ListNotesRow{ID: n.ID, SubjectKind: n.SubjectKind, SubjectID: n.SubjectID,
			AuthorID: n.AuthorID, Body: n.Body, CreatedAt: n.CreatedAt, UpdatedAt: n.UpdatedAt, AuthorName: r.AuthorName})
		out[i] = ats.SyncNote{Note: *note, Withheld: r.Withheld}
	}
	return out, nil
}

// SyncFeedback returns interview feedback with interviewer names; it is
// withheld with its application.
func (t *tx) SyncFeedback(after, only string, limit int) ([]ats.SyncFeedback, error) {
	rows, err := t.q.SyncFeedback(t.ctx, dbq.SyncFeedbackParams{AfterID: after, OnlyID: only, Lim: int32(limit)})
	if err != nil {
		return nil, wrap(err, "sync feedback")
	}
	out := make([]ats.SyncFeedback, len(rows))
	for i, r := range rows {
		f := r.Feedback
		fb, err := feedbackFromRow(dbq.ListFeedbackRow{ID: f.ID, ApplicationID: f.ApplicationID,
			InterviewerID: f.InterviewerID, InterviewType: f.InterviewType, Evaluations: f.Evaluations,
			Recommendation: f.Recommendation, Comments: f.Comments, CreatedAt: f.CreatedAt,
			UpdatedAt: f.UpdatedAt, InterviewerName: r.InterviewerName})
		if err != nil {
			return nil, err
		}
		out[i] = ats.SyncFeedback{Feedback: *fb, Withheld: r.Withheld}
	}
	return out, nil
}

// SyncTeams returns, per job, what its ACL needs: the availability, the
// sorted distinct person URNs of team members who connected LinkedIn, and
// what the last ACL send left on LinkedIn.
func (t *tx) SyncTeams(after, only string, limit int) ([]ats.SyncTeam, error) {
	jobs, err := t.q.SyncTeamJobs(t.ctx, dbq.SyncTeamJobsParams{AfterID: after, OnlyID: only, Lim: int32(limit)})
	if err != nil {
		return nil, wrap(err, "sync team jobs")
	}
	if len(jobs) == 0 {
		return []ats.SyncTeam{}, nil
	}
	members, err := t.q.SyncTeamAssignees(t.ctx, dbq.SyncTeamAssigneesParams{
		AfterID: after, LastID: jobs[len(jobs)-1].ID, OnlyID: only,
	})
	if err != nil {
		return nil, wrap(err, "sync team assignees")
	}
	out := make([]ats.SyncTeam, len(jobs))
	byJob := make(map[string]*ats.SyncTeam, len(jobs))
	for i, j := range jobs {
		if out[i], err = syncTeamFromRow(j); err != nil {
			return nil, err
		}
		byJob[j.ID] = &out[i]
	}
	for _, m := range members {
		if s := byJob[m.JobID]; s != nil {
			s.Assignees = append(s.Assignees, m.PersonUrn)
		}
	}
	return out, nil
}

func syncTeamFromRow(r dbq.SyncTeamJobsRow) (ats.SyncTeam, error) {
	sent := []string{}
	if r.Sent {
		var err error
		if sent, err = decodeJSON[string](r.SentData); err != nil {
			return ats.SyncTeam{}, err
		}
	}
	return ats.SyncTeam{JobID: r.ID, Availability: ats.Availability(r.Availability), Assignees: []string{},
		SentAssignees: sent, Sent: r.Sent}, nil
}

// CountSyncable counts the records a historical sync sends, for its
// progress total. It must match what the sync engine sends from the
// readers above: every job but drafts; candidates, applications, notes
// and feedback that are not withheld; one stage per phase entry of a
// non-withheld application; and for each non-draft PRIVATE job one ACL
// record plus one per distinct assignee. (PUBLIC jobs need no ACL.)
func (t *tx) CountSyncable() (ats.SyncCounts, error) {
	counts := ats.SyncCounts{}
	queries := []struct {
		kind  ats.EntityKind
		count func() (int64, error)
	}{
		{ats.EntityJob, func() (int64, error) { return t.q.CountSyncJobs(t.ctx) }},
		{ats.EntityCandidate, func() (int64, error) { return t.q.CountSyncCandidates(t.ctx) }},
		{ats.EntityApplication, func() (int64, error) { return t.q.CountSyncApplications(t.ctx) }},
		{ats.EntityStage, func() (int64, error) { return t.q.CountSyncStages(t.ctx) }},
		{ats.EntityNote, func() (int64, error) { return t.q.CountSyncNotes(t.ctx) }},
		{ats.EntityFeedback, func() (int64, error) { return t.q.CountSyncFeedback(t.ctx) }},
		{ats.EntityTeam, func() (int64, error) { return t.q.CountSyncPrivateJobs(t.ctx) }},
		{ats.EntityTeam, func() (int64, error) { return t.q.CountSyncAssignees(t.ctx) }},
	}
	for _, q := range queries {
		n, err := q.count()
		if err != nil {
			return nil, wrap(err, "count syncable "+string(q.kind))
		}
		counts[q.kind] += n
	}
	return counts, nil
}
