package storetest

import (
	"testing"

	"attractor/internal/ats"
)

// testSentMirror covers the mirror of what LinkedIn holds: the record of
// each job it took and the assignees of each ACL, which the sync engine
// still needs after the job is deleted here (to close it, and to empty
// and delete its ACL).
func testSentMirror(open OpenFunc) func(*testing.T) {
	return func(t *testing.T) {
		t.Run("JobRecord", func(t *testing.T) {
			e := setup(t, open)
			j, _ := mustCreateJob(t, e, "Go", "")
			wantSentJob(t, e, j.ID, "", false, false)
			e.update(t, func(tx ats.Tx) error { return tx.SaveSentJob(j.ID, []byte(`{"title":"`+hostile[4]+`"}`)) })
			wantSentJob(t, e, j.ID, `{"title":"`+hostile[4]+`"}`, true, true)
			e.update(t, func(tx ats.Tx) error { return tx.SaveSentJob(j.ID, []byte(`{"title":"v2"}`)) })
			e.update(t, func(tx ats.Tx) error { return tx.DeleteJob(j.ID) })
			wantSentJob(t, e, j.ID, `{"title":"v2"}`, true, false)
			e.update(t, func(tx ats.Tx) error { return tx.ForgetSentJob(j.ID) })
			wantSentJob(t, e, j.ID, "", false, false)
		})
		t.Run("NewJobRecordIsSent", func(t *testing.T) {
			e := setup(t, open)
			j, _ := mustCreateJob(t, e, "Go", "")
			e.update(t, func(tx ats.Tx) error { return tx.SaveSentJob(j.ID, []byte(`{}`)) })
			wantSentJob(t, e, j.ID, `{}`, true, true)
			e.update(t, func(tx ats.Tx) error { return tx.ForgetSentJob(j.ID) })
			wantSentJob(t, e, j.ID, "", false, false)
		})
		t.Run("TeamAssignees", func(t *testing.T) {
			e := setup(t, open)
			j, _ := mustCreateJob(t, e, "Go", "")
			wantSentTeam(t, e, j.ID, nil, false)
			e.update(t, func(tx ats.Tx) error { return tx.MarkTeamSent(j.ID, true, nil) })
			wantSentTeam(t, e, j.ID, []string{}, true)
			e.update(t, func(tx ats.Tx) error {
				return tx.MarkTeamSent(j.ID, true, []string{"urn:li:person:b", "urn:li:person:a"})
			})
			e.update(t, func(tx ats.Tx) error { return tx.DeleteJob(j.ID) })
			wantSentTeam(t, e, j.ID, []string{"urn:li:person:a", "urn:li:person:b"}, true)
			e.update(t, func(tx ats.Tx) error { return tx.MarkTeamSent(j.ID, false, nil) })
			wantSentTeam(t, e, j.ID, nil, false)
		})
	}
}

// wantSentJob checks FindSentJob and, while the job exists (exists), that
// the sync reader's Sent agrees with the mirror.
func wantSentJob(t *testing.T, e *env, jobID, record string, ok, sent bool) {
	t.Helper()
	e.view(t, func(tx ats.Tx) error {
		got, gotOK, err := tx.FindSentJob(jobID)
		check(t, err)
		diff(t, "sent job record", []any{string(got), gotOK}, []any{record, ok})
		jobs, err := tx.SyncJobs("", jobID, 1)
		check(t, err)
		diff(t, "sync job sent", len(jobs) == 1 && jobs[0].Sent, sent)
		return nil
	})
}

func wantSentTeam(t *testing.T, e *env, jobID string, assignees []string, ok bool) {
	t.Helper()
	e.view(t, func(tx ats.Tx) error {
		got, gotOK, err := tx.FindSentTeam(jobID)
		check(t, err)
		diff(t, "sent team", []any{got, gotOK}, []any{assignees, ok})
		return nil
	})
}
