package syncer

import (
	"slices"

	"attractor/internal/ats"
	"attractor/internal/rsc"
)

// A private job is secured at LinkedIn by an ACL whose assignees are the
// members of its hiring team who connected LinkedIn, so only they see it
// (and its applicants) in Recruiter (rsc-api.md §3.12). The ACL is one per
// job, named after it; public jobs have none.

// teamACL is the ACL of a job's hiring team.
func teamACL(jobID string) rsc.ACL { return rsc.ACL{ID: "TEAM-" + jobID, JobID: jobID} }

// teams reads jobs' teams. The same page of jobs is read too (both page
// the jobs by id): a draft is never sent, so neither is its ACL.
func (r *reading) teams(after, only string, limit int) ([]*unit, string, error) {
	ts, err := r.tx.SyncTeams(after, only, limit)
	if err != nil {
		return nil, "", err
	}
	js, err := r.tx.SyncJobs(after, only, limit)
	if err != nil {
		return nil, "", err
	}
	sent := make(map[string]bool, len(js)) // non-draft jobs
	for _, j := range js {
		sent[j.Job.ID] = j.Job.Status != ats.JobDraft
	}
	units := make([]*unit, len(ts))
	for i, t := range ts {
		units[i] = teamUnit(t, !sent[t.JobID], r.full)
	}
	return units, lastID(units), nil
}

// teamUnit plans a job's ACL. A private job gets its ACL, the assignees
// LinkedIn lacks (all of them when full) and the removal of those who
// left; a job made public loses its assignees and its ACL. Once written,
// MarkTeamSent records what LinkedIn has, for the next difference.
func teamUnit(t ats.SyncTeam, draft, full bool) *unit {
	u := upsertUnit(ats.EntityTeam, t.JobID)
	acl := teamACL(t.JobID)
	private := t.Availability == ats.AvailabilityPrivate && !draft
	switch {
	case private:
		u.parts = append(u.parts, &part{ep: endpoint{op: opPutACLs}, rec: acl})
		for _, a := range t.Assignees {
			if full || !slices.Contains(t.SentAssignees, a) {
				u.parts = append(u.parts, assigneePart(opPutAssignees, acl, a))
			}
		}
		u.parts = append(u.parts, removedAssignees(acl, t)...)
		assignees := slices.Clone(t.Assignees)
		u.after = func(tx ats.Tx) error { return tx.MarkTeamSent(t.JobID, true, assignees) }
	case t.Sent:
		dropACL(u, t.JobID, t.SentAssignees)
	}
	return u
}

// deleteTeamUnit plans the outbox delete of a deleted job's ACL from what
// the mirror says LinkedIn holds (sent false: no ACL, nothing to send).
// The assignees go too, or they would linger at LinkedIn, each counting
// against the member's ACL limit.
func deleteTeamUnit(e ats.OutboxEntry, assignees []string, sent bool) *unit {
	u := &unit{entry: e}
	if sent {
		dropACL(u, e.EntityID, assignees)
	}
	return u
}

// dropACL adds to u the removal of the job's ACL and, first, of its
// assignees (plan sends assignee deletes before ACL deletes); once
// written, the mirror forgets the ACL.
func dropACL(u *unit, jobID string, assignees []string) {
	acl := teamACL(jobID)
	for _, a := range assignees {
		u.parts = append(u.parts, assigneePart(opDeleteAssignees, acl, a))
	}
	u.parts = append(u.parts, &part{ep: endpoint{op: opDeleteACLs}, rec: acl})
	u.after = func(tx ats.Tx) error { return tx.MarkTeamSent(jobID, false, nil) }
}

// removedAssignees are the deletes of members LinkedIn has that the team
// no longer does.
func removedAssignees(acl rsc.ACL, t ats.SyncTeam) []*part {
	var parts []*part
	for _, a := range t.SentAssignees {
		if !slices.Contains(t.Assignees, a) {
			parts = append(parts, assigneePart(opDeleteAssignees, acl, a))
		}
	}
	return parts
}

func assigneePart(o op, acl rsc.ACL, person string) *part {
	return &part{ep: endpoint{op: o}, rec: rsc.ACLAssignee{ACLID: acl.ID, Assignee: person}}
}
