package simstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"attractor/internal/linkedinsim"
	"attractor/internal/linkedinsim/simstore/simdb"
	"attractor/internal/sqldb"
)

// This file implements linkedinsim.SyncStore: the data the ATS syncs
// (migration 00004_sync.sql), every record scoped by the app that synced
// it. Batches are small (the configured batch size), so each is
// one statement per record inside one transaction.

// jobPostingSequence names the counter of urn:li:jobPosting ids.
const jobPostingSequence = "job_posting"

// PutJobs upserts jobs and inserts their tasks in one transaction.
func (s *Store) PutJobs(ctx context.Context, jobs []*linkedinsim.Job, tasks []*linkedinsim.JobTask) error {
	return s.update(ctx, func(q *simdb.Queries, _ *sql.Tx) error {
		for i, j := range jobs {
			if err := putJob(ctx, q, j); err != nil {
				return err
			}
			t := tasks[i]
			t.JobPostingID = j.JobPostingID
			err := q.InsertSyncJobTask(ctx, simdb.InsertSyncJobTaskParams{ID: t.ID, AppID: t.AppID,
				OrganizationID: t.OrganizationID, ExternalJobPostingID: t.ExternalJobPostingID,
				JobPostingID: t.JobPostingID, CreatedAt: sqldb.UTC(t.CreatedAt), ReadyAt: sqldb.UTC(t.ReadyAt),
				ErrorMessage: t.ErrorMessage})
			if err != nil {
				return wrap(err, "insert job task")
			}
		}
		return nil
	})
}

// putJob updates a job in place (keeping its posting id and creation
// time) or inserts it with a new posting id.
func putJob(ctx context.Context, q *simdb.Queries, j *linkedinsim.Job) error {
	old, err := q.GetSyncJob(ctx, simdb.GetSyncJobParams{AppID: j.AppID, OrganizationID: j.OrganizationID,
		ExternalJobPostingID: j.ExternalJobPostingID})
	switch {
	case err == nil:
		j.JobPostingID, j.CreatedAt = old.JobPostingID, old.CreatedAt.UTC()
		_, err = q.UpdateSyncJob(ctx, simdb.UpdateSyncJobParams{AppID: j.AppID, OrganizationID: j.OrganizationID,
			ExternalJobPostingID: j.ExternalJobPostingID, Title: j.Title, Availability: j.Availability,
			State: j.State, Body: string(j.Body), UpdatedAt: sqldb.UTC(j.UpdatedAt)})
		return wrap(err, "update job")
	case !errors.Is(err, sql.ErrNoRows):
		return wrap(err, "get job")
	}
	if j.JobPostingID, err = q.NextSyncSequence(ctx, jobPostingSequence); err != nil {
		return wrap(err, "next job posting id")
	}
	err = q.InsertSyncJob(ctx, simdb.InsertSyncJobParams{AppID: j.AppID, OrganizationID: j.OrganizationID,
		ExternalJobPostingID: j.ExternalJobPostingID, JobPostingID: j.JobPostingID, Title: j.Title,
		Availability: j.Availability, State: j.State, Body: string(j.Body),
		CreatedAt: sqldb.UTC(j.CreatedAt), UpdatedAt: sqldb.UTC(j.UpdatedAt)})
	return wrap(err, "insert job")
}

// FindJobs returns jobs aligned with keys.
func (s *Store) FindJobs(ctx context.Context, keys []linkedinsim.RecordKey) ([]*linkedinsim.Job, error) {
	out, err := find(ctx, s, jobFinder, keys, func(r simdb.SyncJob) *linkedinsim.Job { return jobFrom(r) })
	return out, wrap(err, "get jobs")
}

func jobFrom(r simdb.SyncJob) *linkedinsim.Job {
	return &linkedinsim.Job{AppID: r.AppID, OrganizationID: r.OrganizationID, ExternalJobPostingID: r.ExternalJobPostingID,
		JobPostingID: r.JobPostingID, Title: r.Title, Availability: r.Availability, State: r.State,
		Body: json.RawMessage(r.Body), CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC()}
}

// FindJobTasks returns appID's tasks aligned with ids.
func (s *Store) FindJobTasks(ctx context.Context, appID int64, ids []string) ([]*linkedinsim.JobTask, error) {
	out := make([]*linkedinsim.JobTask, len(ids))
	for i, id := range ids {
		r, err := s.read().GetSyncJobTask(ctx, simdb.GetSyncJobTaskParams{ID: id, AppID: appID})
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, wrap(err, "get job task")
		}
		if err == nil {
			out[i] = &linkedinsim.JobTask{ID: r.ID, AppID: r.AppID, OrganizationID: r.OrganizationID,
				ExternalJobPostingID: r.ExternalJobPostingID, JobPostingID: r.JobPostingID,
				CreatedAt: r.CreatedAt.UTC(), ReadyAt: r.ReadyAt.UTC(), ErrorMessage: r.ErrorMessage}
		}
	}
	return out, nil
}

// JobsVisibleTo returns the jobs of every app the seat may see under each
// app's own ACLs.
func (s *Store) JobsVisibleTo(ctx context.Context, seatID int64) ([]*linkedinsim.Job, error) {
	n, err := s.read().CountSyncSeats(ctx, seatID)
	if err != nil {
		return nil, wrap(err, "count seats")
	}
	if n == 0 {
		return nil, notFound("Seat")
	}
	rows, err := s.read().ListSyncJobsVisibleToSeat(ctx, seatID)
	if err != nil {
		return nil, wrap(err, "list visible jobs")
	}
	out := make([]*linkedinsim.Job, len(rows))
	for i, r := range rows {
		out[i] = jobFrom(r)
	}
	return out, nil
}

// PutCandidates upserts candidates in one transaction, one multi-row
// statement on PostgreSQL (sync_sub.go).
func (s *Store) PutCandidates(ctx context.Context, cs []*linkedinsim.Candidate) error {
	return s.upsert(ctx, len(cs), func(q *simdb.Queries, tx *sql.Tx) error {
		if s.db.Engine == sqldb.Postgres {
			return wrap(upsertRows(ctx, tx, candidateUpsert, candidateRows(cs)), "upsert candidates")
		}
		for _, c := range cs {
			err := q.UpsertSyncCandidate(ctx, simdb.UpsertSyncCandidateParams{AppID: c.AppID, OrganizationID: c.OrganizationID,
				AtsCandidateID: c.ATSCandidateID, Body: string(c.Body),
				ManualMatchedMember: sql.NullString{String: c.ManualMatchedMember, Valid: c.ManualMatchedMember != ""},
				CreatedAt:           sqldb.UTC(c.UpdatedAt)})
			if err != nil {
				return wrap(err, "upsert candidate")
			}
		}
		return nil
	})
}

// FindCandidates returns candidates aligned with keys.
func (s *Store) FindCandidates(ctx context.Context, keys []linkedinsim.RecordKey) ([]*linkedinsim.Candidate, error) {
	out, err := find(ctx, s, candidateFinder, keys, func(r simdb.SyncCandidate) *linkedinsim.Candidate {
		return &linkedinsim.Candidate{AppID: r.AppID, OrganizationID: r.OrganizationID, ATSCandidateID: r.AtsCandidateID,
			Body: json.RawMessage(r.Body), ManualMatchedMember: r.ManualMatchedMember.String,
			CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC()}
	})
	return out, wrap(err, "get candidates")
}

// SetCandidateMatches sets manual matches; all or nothing.
func (s *Store) SetCandidateMatches(ctx context.Context, keys []linkedinsim.RecordKey, members []string, at time.Time) error {
	return s.update(ctx, func(q *simdb.Queries, _ *sql.Tx) error {
		for i, k := range keys {
			n, err := q.SetSyncCandidateMatch(ctx, simdb.SetSyncCandidateMatchParams{AppID: k.AppID, OrganizationID: k.OrganizationID,
				AtsCandidateID: k.ID, ManualMatchedMember: sql.NullString{String: members[i], Valid: members[i] != ""},
				UpdatedAt: sqldb.UTC(at)})
			if err != nil {
				return wrap(err, "set candidate match")
			}
			if n == 0 {
				return notFound("Candidate " + k.ID)
			}
		}
		return nil
	})
}

// DeleteCandidates deletes candidates (their notes cascade).
func (s *Store) DeleteCandidates(ctx context.Context, keys []linkedinsim.RecordKey) ([]bool, error) {
	return deleteEach(s, ctx, len(keys), func(q *simdb.Queries, i int) (int64, error) {
		return q.DeleteSyncCandidate(ctx, simdb.DeleteSyncCandidateParams{AppID: keys[i].AppID, OrganizationID: keys[i].OrganizationID,
			AtsCandidateID: keys[i].ID})
	})
}

// deleteEach runs n deletes in one transaction and reports which removed
// a row.
func deleteEach(s *Store, ctx context.Context, n int, del func(q *simdb.Queries, i int) (int64, error)) ([]bool, error) {
	found := make([]bool, n)
	err := s.update(ctx, func(q *simdb.Queries, _ *sql.Tx) error {
		for i := range n {
			rows, err := del(q, i)
			if err != nil {
				return wrap(err, "delete")
			}
			found[i] = rows > 0
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return found, nil
}

// PersonExists reports whether a member has that person URN.
func (s *Store) PersonExists(ctx context.Context, urn string) (bool, error) {
	n, err := s.read().CountSyncMembersByURN(ctx, urn)
	return n > 0, wrap(err, "count members")
}

// PutApplications upserts applications in one transaction, one multi-row
// statement on PostgreSQL (sync_sub.go).
func (s *Store) PutApplications(ctx context.Context, as []*linkedinsim.Application) error {
	return s.upsert(ctx, len(as), func(q *simdb.Queries, tx *sql.Tx) error {
		if s.db.Engine == sqldb.Postgres {
			return wrap(upsertRows(ctx, tx, applicationUpsert, applicationRows(as)), "upsert applications")
		}
		for _, a := range as {
			err := q.UpsertSyncApplication(ctx, simdb.UpsertSyncApplicationParams{AppID: a.AppID, OrganizationID: a.OrganizationID,
				AtsJobApplicationID: a.ATSJobApplicationID, AtsCandidateID: a.ATSCandidateID,
				AtsJobPostingID: a.ATSJobPostingID, Body: string(a.Body), CreatedAt: sqldb.UTC(a.UpdatedAt)})
			if err != nil {
				return wrap(err, "upsert application")
			}
		}
		return nil
	})
}

// FindApplications returns applications aligned with keys.
func (s *Store) FindApplications(ctx context.Context, keys []linkedinsim.RecordKey) ([]*linkedinsim.Application, error) {
	out, err := find(ctx, s, applicationFinder, keys, func(r simdb.SyncApplication) *linkedinsim.Application {
		return &linkedinsim.Application{AppID: r.AppID, OrganizationID: r.OrganizationID, ATSJobApplicationID: r.AtsJobApplicationID,
			ATSCandidateID: r.AtsCandidateID, ATSJobPostingID: r.AtsJobPostingID, Body: json.RawMessage(r.Body),
			CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC()}
	})
	return out, wrap(err, "get applications")
}

// DeleteApplications deletes applications; notes, feedback and stages
// cascade.
func (s *Store) DeleteApplications(ctx context.Context, keys []linkedinsim.RecordKey) ([]bool, error) {
	return deleteEach(s, ctx, len(keys), func(q *simdb.Queries, i int) (int64, error) {
		return q.DeleteSyncApplication(ctx, simdb.DeleteSyncApplicationParams{AppID: keys[i].AppID, OrganizationID: keys[i].OrganizationID,
			AtsJobApplicationID: keys[i].ID})
	})
}

// PutSubRecords upserts notes, feedback or stages in one transaction,
// which other callers' sub-record writes may share (group.go); a missing
// parent is ENOTFOUND (foreign key).
func (s *Store) PutSubRecords(ctx context.Context, recs []*linkedinsim.SubRecord) error {
	return s.subWrites.do(ctx, s, recs)
}

// FindSubRecords returns sub-records aligned with ids.
func (s *Store) FindSubRecords(ctx context.Context, parent linkedinsim.RecordKey, kind linkedinsim.SubKind, ids []string) ([]*linkedinsim.SubRecord, error) {
	all, err := s.ListSubRecords(ctx, parent, kind)
	if err != nil {
		return nil, err
	}
	byID := map[string]*linkedinsim.SubRecord{}
	for _, r := range all {
		byID[r.ID] = r
	}
	out := make([]*linkedinsim.SubRecord, len(ids))
	for i, id := range ids {
		out[i] = byID[id]
	}
	return out, nil
}

// ListSubRecords returns every sub-record of kind under parent, by id.
func (s *Store) ListSubRecords(ctx context.Context, parent linkedinsim.RecordKey, kind linkedinsim.SubKind) ([]*linkedinsim.SubRecord, error) {
	var out []*linkedinsim.SubRecord
	add := func(id, body string, created, updated time.Time) {
		out = append(out, &linkedinsim.SubRecord{Parent: parent, Kind: kind, ID: id, Body: json.RawMessage(body),
			CreatedAt: created.UTC(), UpdatedAt: updated.UTC()})
	}
	if kind == linkedinsim.KindCandidateNote {
		rows, err := s.read().ListSyncCandidateNotes(ctx, simdb.ListSyncCandidateNotesParams{
			AppID: parent.AppID, OrganizationID: parent.OrganizationID, AtsCandidateID: parent.ID})
		if err != nil {
			return nil, wrap(err, "list candidate notes")
		}
		for _, r := range rows {
			add(r.NoteID, r.Body, r.CreatedAt, r.UpdatedAt)
		}
		return out, nil
	}
	rows, err := s.read().ListSyncApplicationItems(ctx, simdb.ListSyncApplicationItemsParams{
		AppID: parent.AppID, OrganizationID: parent.OrganizationID, AtsJobApplicationID: parent.ID, Kind: string(kind)})
	if err != nil {
		return nil, wrap(err, "list application items")
	}
	for _, r := range rows {
		add(r.ItemID, r.Body, r.CreatedAt, r.UpdatedAt)
	}
	return out, nil
}

// DeleteSubRecords deletes sub-records by id.
func (s *Store) DeleteSubRecords(ctx context.Context, parent linkedinsim.RecordKey, kind linkedinsim.SubKind, ids []string) ([]bool, error) {
	return deleteEach(s, ctx, len(ids), func(q *simdb.Queries, i int) (int64, error) {
		if kind == linkedinsim.KindCandidateNote {
			return q.DeleteSyncCandidateNote(ctx, simdb.DeleteSyncCandidateNoteParams{
				AppID: parent.AppID, OrganizationID: parent.OrganizationID, AtsCandidateID: parent.ID, NoteID: ids[i]})
		}
		return q.DeleteSyncApplicationItem(ctx, simdb.DeleteSyncApplicationItemParams{
			AppID: parent.AppID, OrganizationID: parent.OrganizationID, AtsJobApplicationID: parent.ID, Kind: string(kind), ItemID: ids[i]})
	})
}

// PutACLs inserts ACLs; existing ones are left as they are.
func (s *Store) PutACLs(ctx context.Context, acls []linkedinsim.ACL) error {
	return s.update(ctx, func(q *simdb.Queries, _ *sql.Tx) error {
		for _, a := range acls {
			err := q.InsertSyncACL(ctx, simdb.InsertSyncACLParams{AppID: a.AppID, OrganizationID: a.OrganizationID,
				AtsEntityAclID: a.ACLID, AtsEntityType: a.EntityType, AtsEntityID: a.EntityID,
				CreatedAt: sqldb.UTC(a.CreatedAt)})
			if err != nil {
				return wrap(err, "insert acl")
			}
		}
		return nil
	})
}

// DeleteACLs deletes ACLs.
func (s *Store) DeleteACLs(ctx context.Context, acls []linkedinsim.ACL) ([]bool, error) {
	return deleteEach(s, ctx, len(acls), func(q *simdb.Queries, i int) (int64, error) {
		a := acls[i]
		return q.DeleteSyncACL(ctx, simdb.DeleteSyncACLParams{AppID: a.AppID, OrganizationID: a.OrganizationID,
			AtsEntityAclID: a.ACLID, AtsEntityType: a.EntityType, AtsEntityID: a.EntityID})
	})
}

// ListACLs returns an app's ACLs in an organization by entity.
func (s *Store) ListACLs(ctx context.Context, appID, org int64) ([]linkedinsim.ACL, error) {
	rows, err := s.read().ListSyncACLs(ctx, simdb.ListSyncACLsParams{AppID: appID, OrganizationID: org})
	if err != nil {
		return nil, wrap(err, "list acls")
	}
	out := make([]linkedinsim.ACL, len(rows))
	for i, r := range rows {
		out[i] = linkedinsim.ACL{AppID: r.AppID, OrganizationID: r.OrganizationID, ACLID: r.AtsEntityAclID,
			EntityType: r.AtsEntityType, EntityID: r.AtsEntityID, CreatedAt: r.CreatedAt.UTC()}
	}
	return out, nil
}

// PutACLAssignees inserts assignees; existing ones are left as they are.
func (s *Store) PutACLAssignees(ctx context.Context, as []linkedinsim.ACLAssignee) error {
	return s.update(ctx, func(q *simdb.Queries, _ *sql.Tx) error {
		for _, a := range as {
			err := q.InsertSyncACLAssignee(ctx, simdb.InsertSyncACLAssigneeParams{AppID: a.AppID, OrganizationID: a.OrganizationID,
				AtsEntityAclID: a.ACLID, AtsEntityType: a.EntityType, Assignee: a.Assignee,
				CreatedAt: sqldb.UTC(a.CreatedAt)})
			if err != nil {
				return wrap(err, "insert acl assignee")
			}
		}
		return nil
	})
}

// DeleteACLAssignees deletes assignees.
func (s *Store) DeleteACLAssignees(ctx context.Context, as []linkedinsim.ACLAssignee) ([]bool, error) {
	return deleteEach(s, ctx, len(as), func(q *simdb.Queries, i int) (int64, error) {
		a := as[i]
		return q.DeleteSyncACLAssignee(ctx, simdb.DeleteSyncACLAssigneeParams{AppID: a.AppID, OrganizationID: a.OrganizationID,
			AtsEntityAclID: a.ACLID, AtsEntityType: a.EntityType, Assignee: a.Assignee})
	})
}

// ListACLAssignees returns an app's ACL assignees in an organization by
// member.
func (s *Store) ListACLAssignees(ctx context.Context, appID, org int64) ([]linkedinsim.ACLAssignee, error) {
	rows, err := s.read().ListSyncACLAssignees(ctx, simdb.ListSyncACLAssigneesParams{AppID: appID, OrganizationID: org})
	if err != nil {
		return nil, wrap(err, "list acl assignees")
	}
	out := make([]linkedinsim.ACLAssignee, len(rows))
	for i, r := range rows {
		out[i] = linkedinsim.ACLAssignee{AppID: r.AppID, OrganizationID: r.OrganizationID, ACLID: r.AtsEntityAclID,
			EntityType: r.AtsEntityType, Assignee: r.Assignee, CreatedAt: r.CreatedAt.UTC()}
	}
	return out, nil
}
