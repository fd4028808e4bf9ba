package store

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"

	"attractor/internal/ats"
	"attractor/internal/store/dbq"
)

// This file stores the LinkedIn integration's own state (ats.LinkedInTx):
// the integration row and its progress, failures, notifications, the mirror
// of what LinkedIn holds, and users' and candidates' LinkedIn identities.
// The sync readers are in sync.go; the outbox methods in outbox.go.

// Mirror kinds in linkedin_sent. A job's data is the record LinkedIn last
// took (SaveSentJob; "" when only marked sent), a team's the JSON list of
// assignees its ACL holds there.
const (
	sentJob  = "job"
	sentTeam = "team"
)

// FindIntegration returns the instance's integration with the saved sync
// progress. With none saved it reads as not connected, with PUBLIC as the
// new-job default, never ENOTFOUND: callers need the defaults either way.
func (t *tx) FindIntegration() (*ats.LinkedInIntegration, error) {
	in := &ats.LinkedInIntegration{Stage: ats.StageNotConnected, JobAvailability: ats.AvailabilityPublic}
	row, err := t.q.GetIntegration(t.ctx)
	switch {
	case err == nil:
		in = integrationFromRow(row)
	case !errors.Is(err, sql.ErrNoRows):
		return nil, wrap(err, "find integration")
	}
	p, err := t.q.GetSyncProgress(t.ctx)
	switch {
	case err == nil:
		if in.Progress, err = progressFromRow(p); err != nil {
			return nil, wrap(err, "find sync progress")
		}
	case !errors.Is(err, sql.ErrNoRows):
		return nil, wrap(err, "find sync progress")
	}
	return in, nil
}

// SaveIntegration saves every field but Progress, which SaveSyncProgress
// owns. A zero UpdatedAt becomes the transaction's time.
func (t *tx) SaveIntegration(in *ats.LinkedInIntegration) error {
	t.stamp(&in.UpdatedAt)
	err := t.q.UpsertIntegration(t.ctx, dbq.UpsertIntegrationParams{
		Stage: string(in.Stage), AccessLevel: string(in.AccessLevel), AppUrn: in.AppURN,
		ClientID: in.ClientID, ClientSecret: in.ClientSecret, Organization: in.Organization,
		Contract: in.Contract, RequestID: in.RequestID, JobAvailability: string(in.JobAvailability),
		StatusChangedAt: nullTime(in.StatusChangedAt), UpdatedAt: in.UpdatedAt, InstanceID: in.InstanceID,
	})
	return wrap(err, "save integration")
}

// SaveSyncProgress saves the historical sync's progress.
func (t *tx) SaveSyncProgress(p ats.SyncProgress) error {
	err := t.q.UpsertSyncProgress(t.ctx, dbq.UpsertSyncProgressParams{
		State: string(p.State), Kind: string(p.Kind), CursorID: p.Cursor, AheadIds: encodeIDs(p.Ahead), Done: p.Done, Total: p.Total,
		StartedAt: nullTime(p.StartedAt), FinishedAt: nullTime(p.FinishedAt),
	})
	return wrap(err, "save sync progress")
}

func integrationFromRow(r dbq.LinkedinIntegration) *ats.LinkedInIntegration {
	return &ats.LinkedInIntegration{
		Stage: ats.IntegrationStage(r.Stage), AccessLevel: ats.AccessLevel(r.AccessLevel), AppURN: r.AppUrn,
		InstanceID: r.InstanceID,
		ClientID:   r.ClientID, ClientSecret: r.ClientSecret, Organization: r.Organization,
		Contract: r.Contract, RequestID: r.RequestID, JobAvailability: ats.Availability(r.JobAvailability),
		StatusChangedAt: timePtr(r.StatusChangedAt), UpdatedAt: r.UpdatedAt.UTC(),
	}
}

func progressFromRow(r dbq.LinkedinSyncProgress) (ats.SyncProgress, error) {
	ahead, err := decodeIDs(r.AheadIds)
	return ats.SyncProgress{
		State: ats.SyncState(r.State), Kind: ats.EntityKind(r.Kind), Cursor: r.CursorID, Ahead: ahead, Done: r.Done,
		Total: r.Total, StartedAt: timePtr(r.StartedAt), FinishedAt: timePtr(r.FinishedAt),
	}, err
}

// encodeIDs stores a list of ids as a JSON array; none is "".
func encodeIDs(ids []string) string {
	if len(ids) == 0 {
		return ""
	}
	b, _ := json.Marshal(ids) // a []string always marshals
	return string(b)
}

// decodeIDs reads what encodeIDs wrote; "" is nil.
func decodeIDs(s string) ([]string, error) {
	if s == "" {
		return nil, nil
	}
	var ids []string
	if err := json.Unmarshal([]byte(s), &ids); err != nil {
		return nil, fmt.Errorf("decode ids: %w", err)
	}
	return ids, nil
}

// FindSyncFailures returns a page of failures, newest first, and the total.
func (t *tx) FindSyncFailures(p ats.Page) ([]*ats.SyncFailure, int, error) {
	limit, offset := page(p)
	rows, err := t.q.ListSyncFailures(t.ctx, dbq.ListSyncFailuresParams{Limit: limit, Offset: offset})
	if err != nil {
		return nil, 0, wrap(err, "find sync failures")
	}
	total, err := t.q.CountSyncFailures(t.ctx)
	if err != nil {
		return nil, 0, wrap(err, "count sync failures")
	}
	out := make([]*ats.SyncFailure, len(rows))
	for i, r := range rows {
		out[i] = &ats.SyncFailure{
			EntityKind: ats.EntityKind(r.EntityKind), EntityID: r.EntityID, ParentKind: ats.EntityKind(r.ParentKind),
			ParentID: r.ParentID, Op: ats.OutboxOp(r.Op), Status: int(r.Status), Message: r.Message,
			Attempts: int(r.Attempts), FailedAt: r.FailedAt.UTC(),
		}
	}
	return out, int(total), nil
}

// RetrySyncFailures queues every failure again as a new outbox version
// with its op and parent, due now, and empties the list.
func (t *tx) RetrySyncFailures() (int, error) {
	n, err := t.q.RequeueSyncFailures(t.ctx, t.now)
	if err != nil {
		return 0, wrap(err, "requeue sync failures")
	}
	if err := t.q.DeleteSyncFailures(t.ctx); err != nil {
		return 0, wrap(err, "clear sync failures")
	}
	if n > 0 {
		t.queued = true
	}
	return int(n), nil
}

// RecordNotification remembers a push notification id and reports whether
// it is new, so a notification delivered twice is handled once.
func (t *tx) RecordNotification(id string, at time.Time) (bool, error) {
	t.stamp(&at)
	n, err := t.q.InsertNotification(t.ctx, dbq.InsertNotificationParams{ID: id, ReceivedAt: at})
	if err != nil {
		return false, wrap(err, "record notification")
	}
	return n == 1, nil
}

// SaveSentJob records that LinkedIn has the job as sent, the record it
// last took (opaque JSON), so the job can be closed with it once deleted
// here.
func (t *tx) SaveSentJob(jobID string, sent []byte) error {
	err := t.q.UpsertSent(t.ctx, dbq.UpsertSentParams{EntityKind: sentJob, EntityID: jobID, Data: string(sent)})
	return wrap(err, "save sent job")
}

// FindSentJob returns the job record LinkedIn last took. ok is false when
// LinkedIn has no job, or none was saved. It reads the mirror only, so it
// answers for a deleted job too.
func (t *tx) FindSentJob(jobID string) ([]byte, bool, error) {
	data, err := t.q.GetSent(t.ctx, dbq.GetSentParams{EntityKind: sentJob, EntityID: jobID})
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, false, nil
	case err != nil:
		return nil, false, wrap(err, "find sent job")
	case data == "":
		return nil, false, nil
	}
	return []byte(data), true, nil
}

// ForgetSentJob drops what the mirror holds of the job: LinkedIn closed it
// for good after its deletion here.
func (t *tx) ForgetSentJob(jobID string) error {
	err := t.q.DeleteSent(t.ctx, dbq.DeleteSentParams{EntityKind: sentJob, EntityID: jobID})
	return wrap(err, "forget sent job")
}

// FindSentTeam returns the assignees the job's ACL holds on LinkedIn; ok
// is false when it has no ACL. It reads the mirror only, so it answers for
// a deleted job too.
func (t *tx) FindSentTeam(jobID string) ([]string, bool, error) {
	data, err := t.q.GetSent(t.ctx, dbq.GetSentParams{EntityKind: sentTeam, EntityID: jobID})
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, false, nil
	case err != nil:
		return nil, false, wrap(err, "find sent team")
	}
	assignees, err := decodeJSON[string](data)
	if err != nil {
		return nil, false, err
	}
	return assignees, true, nil
}

// MarkTeamSent records the assignees the job's ACL now holds on LinkedIn,
// or with sent false that the ACL was deleted.
func (t *tx) MarkTeamSent(jobID string, sent bool, assignees []string) error {
	if !sent {
		err := t.q.DeleteSent(t.ctx, dbq.DeleteSentParams{EntityKind: sentTeam, EntityID: jobID})
		return wrap(err, "mark team unsent")
	}
	list := append([]string(nil), assignees...)
	sort.Strings(list)
	data, err := encodeJSON(list)
	if err != nil {
		return err
	}
	err = t.q.UpsertSent(t.ctx, dbq.UpsertSentParams{EntityKind: sentTeam, EntityID: jobID, Data: data})
	return wrap(err, "mark team sent")
}

// SetCandidatePersonURN stores the member LinkedIn matched. It leaves
// updated_at and the outbox alone: the URN is not part of what is sent, and
// the match is not an edit anyone made.
func (t *tx) SetCandidatePersonURN(candidateID, personURN string) error {
	n, err := t.q.SetCandidatePersonURN(t.ctx, dbq.SetCandidatePersonURNParams{ID: candidateID, PersonUrn: personURN})
	return changed(n, err, "Candidate", "set candidate person urn")
}

// SetUserLinkedIn stores a user's member and seat URNs and queues the ACLs
// of the jobs whose team they are on, since the assignees sent depend on
// team members' person URNs.
func (t *tx) SetUserLinkedIn(userID, personURN, seatURN string) error {
	n, err := t.q.SetUserLinkedIn(t.ctx, dbq.SetUserLinkedInParams{
		ID: userID, PersonUrn: personURN, SeatUrn: seatURN, UpdatedAt: t.now,
	})
	if err := changed(n, err, "User", "set user linkedin"); err != nil {
		return err
	}
	return t.QueueTeamsOf(userID)
}

// FindUserByPersonURN finds the user connected to the member, preferring
// an enabled one; ENOTFOUND when none is (or the URN is empty).
func (t *tx) FindUserByPersonURN(personURN string) (*ats.User, error) {
	rows, err := t.q.GetUserByPersonURN(t.ctx, personURN)
	if err != nil {
		return nil, wrap(err, "find user by person urn")
	}
	if len(rows) == 0 {
		return nil, notFound("User")
	}
	return userFromRow(rows[0]), nil
}
