package syncer

import "attractor/internal/ats"

// This file reads entities through the store's sync readers and plans the
// unit of each: the RSC records it becomes and the endpoints they go to.

// reading turns entities read in one transaction into units. full is set
// by the historical sync, which sends everything rather than what changed
// since the last send (for ACLs: every assignee, not only new ones).
type reading struct {
	s    *Syncer
	in   *ats.LinkedInIntegration
	tx   ats.Tx
	full bool
}

// read reads up to limit entities of kind after the cursor after, or the
// one entity only, in id order, and returns their units and the id of the
// last entity read (the next cursor; "" when none).
func (r *reading) read(kind ats.EntityKind, after, only string, limit int) ([]*unit, string, error) {
	switch kind {
	case ats.EntityJob:
		return r.jobs(after, only, limit)
	case ats.EntityCandidate:
		return r.candidates(after, only, limit)
	case ats.EntityApplication:
		return r.applications(after, only, limit)
	case ats.EntityStage:
		return r.stages(after, only, limit)
	case ats.EntityNote:
		return r.notes(after, only, limit)
	case ats.EntityFeedback:
		return r.feedback(after, only, limit)
	case ats.EntityTeam:
		return r.teams(after, only, limit)
	}
	return nil, "", nil
}

// upsertUnit starts the unit of an entity to send; a withheld one gets
// no parts.
func upsertUnit(kind ats.EntityKind, id string) *unit {
	return &unit{entry: ats.OutboxEntry{EntityKind: kind, EntityID: id, Op: ats.OutboxUpsert}}
}

// lastID returns the id of the last unit, the cursor after a page.
func lastID(units []*unit) string {
	if len(units) == 0 {
		return ""
	}
	return units[len(units)-1].entry.EntityID
}

// jobs: drafts are never sent; LinkedIn's first copy of a job is a CREATE,
// after which it is marked sent.
func (r *reading) jobs(after, only string, limit int) ([]*unit, string, error) {
	js, err := r.tx.SyncJobs(after, only, limit)
	if err != nil {
		return nil, "", err
	}
	units := make([]*unit, len(js))
	for i, sj := range js {
		u := upsertUnit(ats.EntityJob, sj.Job.ID)
		if sj.Job.Status != ats.JobDraft {
			u.parts = []*part{{ep: endpoint{op: opPutJobs}, rec: r.s.rscJob(r.in, sj)}}
		}
		units[i] = u
	}
	return units, lastID(units), nil
}

func (r *reading) candidates(after, only string, limit int) ([]*unit, string, error) {
	cs, err := r.tx.SyncCandidates(after, only, limit)
	if err != nil {
		return nil, "", err
	}
	units := make([]*unit, len(cs))
	for i, sc := range cs {
		u := upsertUnit(ats.EntityCandidate, sc.Candidate.ID)
		u.person = sc.Candidate.PersonURN
		if !sc.Withheld {
			u.parts = []*part{{ep: endpoint{op: opPutCandidates}, rec: r.s.rscCandidate(sc.Candidate)}}
		}
		units[i] = u
	}
	return units, lastID(units), nil
}

func (r *reading) applications(after, only string, limit int) ([]*unit, string, error) {
	as, err := r.tx.SyncApplications(after, only, limit)
	if err != nil {
		return nil, "", err
	}
	units := make([]*unit, len(as))
	for i, sa := range as {
		u := upsertUnit(ats.EntityApplication, sa.Application.ID)
		if !sa.Withheld {
			u.parts = []*part{{ep: endpoint{op: opPutApplications}, rec: rscApplication(sa)}}
		}
		units[i] = u
	}
	return units, lastID(units), nil
}

// stages: one unit per application, one part per phase entry.
func (r *reading) stages(after, only string, limit int) ([]*unit, string, error) {
	ss, err := r.tx.SyncStages(after, only, limit)
	if err != nil {
		return nil, "", err
	}
	units := make([]*unit, len(ss))
	for i, st := range ss {
		u := upsertUnit(ats.EntityStage, st.ApplicationID)
		u.entry.ParentID, u.entry.ParentKind = st.ApplicationID, ats.EntityApplication
		if !st.Withheld {
			ep := endpoint{op: opPutStages, parent: st.ApplicationID}
			for _, s := range rscStages(st) {
				u.parts = append(u.parts, &part{ep: ep, rec: s})
			}
		}
		units[i] = u
	}
	return units, lastID(units), nil
}

func (r *reading) notes(after, only string, limit int) ([]*unit, string, error) {
	ns, err := r.tx.SyncNotes(after, only, limit)
	if err != nil {
		return nil, "", err
	}
	units := make([]*unit, len(ns))
	for i, sn := range ns {
		n := sn.Note
		u := upsertUnit(ats.EntityNote, n.ID)
		u.entry.ParentID, u.entry.ParentKind = n.SubjectID, noteParentKind(n.SubjectKind)
		if !sn.Withheld {
			ep := endpoint{op: opPutApplicationNotes, parent: n.SubjectID}
			if n.SubjectKind == ats.SubjectCandidate {
				ep.op = opPutCandidateNotes
			}
			u.parts = []*part{{ep: ep, rec: rscNote(n)}}
		}
		units[i] = u
	}
	return units, lastID(units), nil
}

func noteParentKind(k ats.SubjectKind) ats.EntityKind {
	if k == ats.SubjectCandidate {
		return ats.EntityCandidate
	}
	return ats.EntityApplication
}

func (r *reading) feedback(after, only string, limit int) ([]*unit, string, error) {
	fs, err := r.tx.SyncFeedback(after, only, limit)
	if err != nil {
		return nil, "", err
	}
	units := make([]*unit, len(fs))
	for i, sf := range fs {
		f := sf.Feedback
		u := upsertUnit(ats.EntityFeedback, f.ID)
		u.entry.ParentID, u.entry.ParentKind = f.ApplicationID, ats.EntityApplication
		if !sf.Withheld {
			u.parts = []*part{{ep: endpoint{op: opPutFeedback, parent: f.ApplicationID}, rec: rscFeedback(f)}}
		}
		units[i] = u
	}
	return units, lastID(units), nil
}

// deleteUnit is the unit of an outbox delete. A note or feedback whose
// parent is gone here too has nothing to send: LinkedIn deletes it with
// the parent, whose own delete is queued (rsc-api.md §3.8).
func (r *reading) deleteUnit(e ats.OutboxEntry) (*unit, error) {
	if (e.EntityKind == ats.EntityNote || e.EntityKind == ats.EntityFeedback) && e.ParentID != "" {
		exists, err := r.parentExists(e)
		if err != nil || !exists {
			return &unit{entry: e}, err
		}
	}
	return deleteUnit(e), nil
}

// parentExists reports whether a note's or feedback's parent still exists.
func (r *reading) parentExists(e ats.OutboxEntry) (bool, error) {
	if e.ParentKind == ats.EntityCandidate {
		cs, err := r.tx.SyncCandidates("", e.ParentID, 1)
		return len(cs) > 0, err
	}
	as, err := r.tx.SyncApplications("", e.ParentID, 1)
	return len(as) > 0, err
}

// deleteUnit plans an outbox delete of a candidate, application, note or
// feedback (the drain plans job and team deletes itself: a job is closed,
// an ACL loses its assignees first). An application's stages go with it
// (rsc-api.md §3.8), so those have nothing to send; a note or feedback is
// addressed through the parent the outbox row remembers.
func deleteUnit(e ats.OutboxEntry) *unit {
	u := &unit{entry: e}
	var ep endpoint
	var rec any = e.EntityID
	switch e.EntityKind {
	case ats.EntityCandidate:
		ep = endpoint{op: opDeleteCandidates}
	case ats.EntityApplication:
		ep = endpoint{op: opDeleteApplications}
	case ats.EntityNote:
		ep = endpoint{op: opDeleteApplicationNotes, parent: e.ParentID}
		if e.ParentKind == ats.EntityCandidate {
			ep.op = opDeleteCandidateNotes
		}
	case ats.EntityFeedback:
		ep = endpoint{op: opDeleteFeedback, parent: e.ParentID}
	default:
		return u
	}
	if (e.EntityKind == ats.EntityNote || e.EntityKind == ats.EntityFeedback) && e.ParentID == "" {
		return u // cannot be addressed; LinkedIn drops it with its parent
	}
	u.parts = []*part{{ep: ep, rec: rec}}
	return u
}
