package storetest

import (
	"testing"
	"time"

	"attractor/internal/ats"
)

// testLinkedIn covers the integration state and the sync engine's outbox
// operations (ats.LinkedInTx); the sync readers are in sync.go.
func testLinkedIn(t *testing.T, open OpenFunc) {
	t.Run("IntegrationDefaultWhenNoneSaved", func(t *testing.T) {
		e := setup(t, open)
		diff(t, "integration", findIntegration(t, e),
			&ats.LinkedInIntegration{Stage: ats.StageNotConnected, JobAvailability: ats.AvailabilityPublic})
	})
	t.Run("IntegrationAndProgressRoundTrip", testIntegrationRoundTrip(open))
	t.Run("AckIsVersionChecked", testAckOutbox(open))
	t.Run("DeferIsVersionChecked", testDeferOutbox(open))
	t.Run("FailMovesToFailures", testFailOutbox(open))
	t.Run("DueOrderAndNext", testDueOutbox(open))
	t.Run("FailuresListAndRetry", testRetryFailures(open))
	t.Run("ClearUpsertsKeepsDeletes", func(t *testing.T) {
		e := setup(t, open)
		p := mustCreatePipeline(t, e)
		e.update(t, func(tx ats.Tx) error { return tx.DeleteCandidate(p.cand.ID) })
		e.update(t, func(tx ats.Tx) error { return tx.ClearOutboxUpserts() })
		wantOutbox(t, e, ats.OutboxUpsert, []ref{})
		wantOutbox(t, e, ats.OutboxDelete, []ref{
			{ats.EntityApplication, p.app.ID, "", ""}, {ats.EntityCandidate, p.cand.ID, "", ""},
		})
		wantCount(t, e, 2)
	})
	t.Run("QueueSyncWithParents", func(t *testing.T) {
		e := setup(t, open)
		e.update(t, func(tx ats.Tx) error {
			return tx.QueueSync(ats.OutboxEntry{EntityKind: ats.EntityJob, EntityID: "j1"},
				ats.OutboxEntry{EntityKind: ats.EntityNote, EntityID: "n1", ParentID: "c1", ParentKind: ats.EntityCandidate})
		})
		wantOutbox(t, e, ats.OutboxUpsert, []ref{
			{ats.EntityJob, "j1", "", ""}, {ats.EntityNote, "n1", "c1", ats.EntityCandidate},
		})
	})
	t.Run("QueueCandidateSync", testQueueCandidateSync(open))
	t.Run("UserLinkedInQueuesTeams", testSetUserLinkedIn(open))
	t.Run("CandidatePersonURNQueuesNothing", testSetCandidatePersonURN(open))
	t.Run("SentMirror", testSentMirror(open))
	t.Run("JobTasks", testJobTasks(open))
	t.Run("NotificationSeenOnce", func(t *testing.T) {
		e := setup(t, open)
		var got []bool
		e.update(t, func(tx ats.Tx) error {
			for _, id := range []string{"n-1", "n-2", "n-1"} {
				isNew, err := tx.RecordNotification(id, at(1))
				check(t, err)
				got = append(got, isNew)
			}
			return nil
		})
		e.update(t, func(tx ats.Tx) error {
			isNew, err := tx.RecordNotification("n-2", time.Time{})
			got = append(got, isNew)
			return err
		})
		diff(t, "new", got, []bool{true, true, false, false})
	})
}

func findIntegration(t *testing.T, e *env) *ats.LinkedInIntegration {
	t.Helper()
	var in *ats.LinkedInIntegration
	e.view(t, func(tx ats.Tx) error {
		var err error
		in, err = tx.FindIntegration()
		return err
	})
	return in
}

func testIntegrationRoundTrip(open OpenFunc) func(*testing.T) {
	return func(t *testing.T) {
		e := setup(t, open)
		changed := at(5)
		in := &ats.LinkedInIntegration{
			Stage: ats.StageEnabled, AccessLevel: ats.AccessContract, InstanceID: "attractor-3f2a", AppURN: "urn:li:developerApplication:7",
			ClientID: "client", ClientSecret: hostile[1], Organization: "urn:li:organization:1",
			Contract: "urn:li:contract:2", RequestID: hostile[3], JobAvailability: ats.AvailabilityPrivate,
			StatusChangedAt: &changed, UpdatedAt: at(6),
		}
		started, finished := at(7), at(8)
		progress := ats.SyncProgress{State: ats.SyncDone, Kind: ats.EntityTeam, Cursor: "c-9", Done: 41,
			Total: 42, StartedAt: &started, FinishedAt: &finished}
		e.update(t, func(tx ats.Tx) error {
			check(t, tx.SaveSyncProgress(progress))
			return tx.SaveIntegration(in)
		})
		// A later integration save must not touch the progress, and the
		// reverse.
		e.update(t, func(tx ats.Tx) error { return tx.SaveIntegration(in) })
		wantChanged, wantStarted, wantFinished := utc(changed), utc(started), utc(finished)
		want := *in
		want.StatusChangedAt, want.UpdatedAt = &wantChanged, utc(at(6))
		want.Progress = progress
		want.Progress.StartedAt, want.Progress.FinishedAt = &wantStarted, &wantFinished
		diff(t, "integration", findIntegration(t, e), &want)

		e.update(t, func(tx ats.Tx) error { return tx.SaveSyncProgress(ats.SyncProgress{State: ats.SyncRunning, Total: 3}) })
		want.Progress = ats.SyncProgress{State: ats.SyncRunning, Total: 3}
		diff(t, "after progress save", findIntegration(t, e), &want)

		// The entities sent ahead of the cursor round-trip in order, and a
		// save without them clears them.
		ahead := ats.SyncProgress{State: ats.SyncRunning, Kind: ats.EntityStage, Cursor: "a-3", Total: 3,
			Ahead: []string{"a-7", hostile[0], "a-5"}}
		e.update(t, func(tx ats.Tx) error { return tx.SaveSyncProgress(ahead) })
		want.Progress = ahead
		diff(t, "progress with entities sent ahead", findIntegration(t, e), &want)
		ahead.Ahead = nil
		e.update(t, func(tx ats.Tx) error { return tx.SaveSyncProgress(ahead) })
		want.Progress = ahead
		diff(t, "progress without entities sent ahead", findIntegration(t, e), &want)

		in.StatusChangedAt, in.UpdatedAt = nil, time.Time{}
		e.update(t, func(tx ats.Tx) error { return tx.SaveIntegration(in) })
		want.StatusChangedAt, want.UpdatedAt = nil, utc(baseTime)
		diff(t, "zero update time takes the transaction's", findIntegration(t, e), &want)
	}
}

// candidateRow creates a candidate and returns its one outbox row.
func candidateRow(t *testing.T, e *env) (*ats.Candidate, ats.OutboxEntry) {
	t.Helper()
	c := mustCreateCandidate(t, e, "Ann", "Lee", "ann@example.com")
	rows := outbox(t, e)
	if len(rows) != 1 {
		t.Fatalf("outbox = %+v, want the candidate's row", rows)
	}
	return c, rows[0]
}

func wantCount(t *testing.T, e *env, want int) {
	t.Helper()
	e.view(t, func(tx ats.Tx) error {
		n, err := tx.CountOutbox()
		diff(t, "outbox count", n, want)
		return err
	})
}

func testAckOutbox(open OpenFunc) func(*testing.T) {
	return func(t *testing.T) {
		e := setup(t, open)
		c, row := candidateRow(t, e)
		e.update(t, func(tx ats.Tx) error {
			return tx.FailOutbox(ats.OutboxEntry{EntityKind: ats.EntityCandidate, EntityID: c.ID, Op: ats.OutboxUpsert}, 500, "x")
		})
		e.update(t, func(tx ats.Tx) error { return tx.UpdateCandidate(c) }) // version 2
		e.update(t, func(tx ats.Tx) error { return tx.AckOutbox(row.EntityKind, row.EntityID, row.Version) })
		if got := outbox(t, e); len(got) != 1 || got[0].Version != 2 {
			t.Fatalf("after a stale ack: outbox %+v, want version 2 kept", got)
		}
		wantFailures(t, e, 0)
		e.update(t, func(tx ats.Tx) error { return tx.AckOutbox(row.EntityKind, row.EntityID, 2) })
		wantCount(t, e, 0)
	}
}

func wantFailures(t *testing.T, e *env, want int) []*ats.SyncFailure {
	t.Helper()
	var list []*ats.SyncFailure
	e.view(t, func(tx ats.Tx) error {
		var total int
		var err error
		list, total, err = tx.FindSyncFailures(ats.Page{})
		diff(t, "failures", []int{len(list), total}, []int{want, want})
		return err
	})
	return list
}

func testDeferOutbox(open OpenFunc) func(*testing.T) {
	return func(t *testing.T) {
		e := setup(t, open)
		c, row := candidateRow(t, e)
		e.update(t, func(tx ats.Tx) error { return tx.DeferOutbox(row.EntityKind, row.EntityID, 9, at(50)) })
		diff(t, "stale defer", outbox(t, e), []ats.OutboxEntry{row})
		e.update(t, func(tx ats.Tx) error {
			check(t, tx.DeferOutbox(row.EntityKind, row.EntityID, 1, at(50)))
			return tx.DeferOutbox(row.EntityKind, row.EntityID, 1, at(60))
		})
		want := row
		want.Attempts, want.NotBefore = 2, utc(at(60))
		diff(t, "deferred twice", outbox(t, e), []ats.OutboxEntry{want})

		e.clock.Set(at(10))
		e.update(t, func(tx ats.Tx) error { return tx.UpdateCandidate(c) })
		want.Version, want.UpdatedAt, want.Attempts, want.NotBefore = 2, utc(at(10)), 0, utc(at(10))
		diff(t, "a new change resets the schedule", outbox(t, e), []ats.OutboxEntry{want})
	}
}

func testFailOutbox(open OpenFunc) func(*testing.T) {
	return func(t *testing.T) {
		e := setup(t, open)
		p := mustCreatePipeline(t, e)
		note := &ats.Note{SubjectKind: ats.SubjectApplication, SubjectID: p.app.ID, Text: "n"}
		e.update(t, func(tx ats.Tx) error { return tx.CreateNote(note) })
		var row ats.OutboxEntry
		for _, r := range outbox(t, e) {
			if r.EntityKind == ats.EntityNote {
				row = r
			}
		}
		row.Attempts = 2
		e.clock.Set(at(20))
		e.update(t, func(tx ats.Tx) error { return tx.FailOutbox(row, 422, hostile[0]) })
		e.update(t, func(tx ats.Tx) error { return tx.FailOutbox(row, 422, hostile[0]) }) // already gone
		wantOutbox(t, e, ats.OutboxUpsert, []ref{
			{ats.EntityApplication, p.app.ID, "", ""}, {ats.EntityCandidate, p.cand.ID, "", ""},
			{ats.EntityJob, p.job.ID, "", ""}, {ats.EntityTeam, p.job.ID, "", ""},
		})
		diff(t, "failures", wantFailures(t, e, 1), []*ats.SyncFailure{{
			EntityKind: ats.EntityNote, EntityID: note.ID, ParentKind: ats.EntityApplication, ParentID: p.app.ID,
			Op: ats.OutboxUpsert, Status: 422, Message: hostile[0], Attempts: 3, FailedAt: utc(at(20)),
		}})

		// A failure of an old version lists it but keeps the newer one queued.
		var cand ats.OutboxEntry
		for _, r := range outbox(t, e) {
			if r.EntityKind == ats.EntityCandidate {
				cand = r
			}
		}
		e.update(t, func(tx ats.Tx) error { return tx.UpdateCandidate(p.cand) })
		e.update(t, func(tx ats.Tx) error { return tx.FailOutbox(cand, 400, "bad") })
		wantFailures(t, e, 2)
		wantCount(t, e, 4)
	}
}

func testDueOutbox(open OpenFunc) func(*testing.T) {
	return func(t *testing.T) {
		e := setup(t, open)
		e.view(t, func(tx ats.Tx) error {
			next, err := tx.NextOutboxDue()
			diff(t, "next of an empty outbox", next, (*time.Time)(nil))
			return err
		})
		queue := func(minute int, ids ...string) {
			e.clock.Set(at(minute))
			for _, id := range ids {
				e.update(t, func(tx ats.Tx) error {
					return tx.QueueSync(ats.OutboxEntry{EntityKind: ats.EntityNote, EntityID: id})
				})
			}
		}
		queue(3, "c", "a")
		queue(1, "b")
		queue(2, "d")
		e.update(t, func(tx ats.Tx) error {
			check(t, tx.QueueSync(ats.OutboxEntry{EntityKind: ats.EntityJob, EntityID: "j"}))
			return tx.DeferOutbox(ats.EntityNote, "d", 1, at(30))
		})
		due := func(kind ats.EntityKind, minute, limit int) []string {
			var ids []string
			e.view(t, func(tx ats.Tx) error {
				rows, err := tx.FindDueOutbox(kind, at(minute), limit)
				for _, r := range rows {
					ids = append(ids, r.EntityID)
				}
				return err
			})
			return ids
		}
		diff(t, "due now", due(ats.EntityNote, 3, 10), []string{"b", "a", "c"})
		diff(t, "limited", due(ats.EntityNote, 3, 2), []string{"b", "a"})
		diff(t, "before any is due", due(ats.EntityNote, 0, 10), []string(nil))
		diff(t, "once the deferred is due", due(ats.EntityNote, 30, 10), []string{"b", "d", "a", "c"})
		diff(t, "other kind", due(ats.EntityJob, 30, 10), []string{"j"})
		e.view(t, func(tx ats.Tx) error {
			next, err := tx.NextOutboxDue()
			want := utc(at(1))
			diff(t, "next", next, &want)
			return err
		})
	}
}

func testRetryFailures(open OpenFunc) func(*testing.T) {
	return func(t *testing.T) {
		e := setup(t, open)
		fail := func(minute int, entry ats.OutboxEntry) {
			e.clock.Set(at(minute))
			e.update(t, func(tx ats.Tx) error { return tx.FailOutbox(entry, 422, entry.EntityID) })
		}
		fail(1, ats.OutboxEntry{EntityKind: ats.EntityNote, EntityID: "n1", Op: ats.OutboxDelete, ParentID: "c1", ParentKind: ats.EntityCandidate})
		fail(3, ats.OutboxEntry{EntityKind: ats.EntityJob, EntityID: "j1", Op: ats.OutboxUpsert})
		fail(2, ats.OutboxEntry{EntityKind: ats.EntityStage, EntityID: "a1", Op: ats.OutboxUpsert, ParentID: "a1", ParentKind: ats.EntityApplication})
		e.view(t, func(tx ats.Tx) error {
			list, total, err := tx.FindSyncFailures(ats.Page{Limit: 2, Offset: 1})
			ids := []string{}
			for _, f := range list {
				ids = append(ids, f.EntityID)
			}
			diff(t, "second page, newest first", ids, []string{"a1", "n1"})
			diff(t, "total", total, 3)
			return err
		})
		e.update(t, func(tx ats.Tx) error { return tx.QueueSync(ats.OutboxEntry{EntityKind: ats.EntityJob, EntityID: "j1"}) })
		e.clock.Set(at(9))
		e.update(t, func(tx ats.Tx) error {
			n, err := tx.RetrySyncFailures()
			diff(t, "retried", n, 3)
			return err
		})
		wantFailures(t, e, 0)
		wantOutbox(t, e, ats.OutboxUpsert, []ref{
			{ats.EntityJob, "j1", "", ""}, {ats.EntityStage, "a1", "a1", ats.EntityApplication},
		})
		wantOutbox(t, e, ats.OutboxDelete, []ref{{ats.EntityNote, "n1", "c1", ats.EntityCandidate}})
		for _, r := range outbox(t, e) {
			wantVersion := map[string]int64{"j1": 2}[r.EntityID]
			if wantVersion == 0 {
				wantVersion = 1
			}
			diff(t, r.EntityID+" version and due", []any{r.Version, r.NotBefore}, []any{wantVersion, utc(at(9))})
		}
	}
}

func testQueueCandidateSync(open OpenFunc) func(*testing.T) {
	return func(t *testing.T) {
		e := setup(t, open)
		p := mustCreatePipeline(t, e)
		other, _ := mustCreateJob(t, e, "Other", "")
		otherPhases := phasesOf(t, e, other.ID)
		second := mustCreateApplication(t, e, p.cand, other, otherPhases[0]) // no phase entries
		candNote := &ats.Note{SubjectKind: ats.SubjectCandidate, SubjectID: p.cand.ID, Text: "c"}
		appNote := &ats.Note{SubjectKind: ats.SubjectApplication, SubjectID: second.ID, Text: "a"}
		fb := &ats.Feedback{ApplicationID: p.app.ID, InterviewType: ats.InterviewVideo, Recommendation: ats.RecYes}
		e.update(t, func(tx ats.Tx) error {
			check(t, tx.CreateNote(candNote))
			check(t, tx.CreateNote(appNote))
			check(t, tx.CreateFeedback(fb))
			return tx.AddPhaseEntry(&ats.PhaseEntry{ApplicationID: p.app.ID, PhaseID: p.phases[1].ID})
		})
		e.update(t, func(tx ats.Tx) error { return tx.ClearOutboxUpserts() })
		e.update(t, func(tx ats.Tx) error { return tx.QueueCandidateSync(p.cand.ID) })
		wantOutbox(t, e, ats.OutboxUpsert, []ref{
			{ats.EntityApplication, p.app.ID, "", ""}, {ats.EntityApplication, second.ID, "", ""},
			{ats.EntityCandidate, p.cand.ID, "", ""},
			{ats.EntityFeedback, fb.ID, p.app.ID, ats.EntityApplication},
			{ats.EntityNote, appNote.ID, second.ID, ats.EntityApplication},
			{ats.EntityNote, candNote.ID, p.cand.ID, ats.EntityCandidate},
			{ats.EntityStage, p.app.ID, p.app.ID, ats.EntityApplication},
		})
	}
}

func phasesOf(t *testing.T, e *env, jobID string) []ats.Phase {
	t.Helper()
	var phases []ats.Phase
	e.view(t, func(tx ats.Tx) error {
		var err error
		phases, err = tx.FindJobPhases(jobID)
		return err
	})
	return phases
}

func testSetUserLinkedIn(open OpenFunc) func(*testing.T) {
	return func(t *testing.T) {
		e := setup(t, open)
		u := mustCreateUser(t, e, "rita@example.com", "Rita")
		j1, _ := mustCreateJob(t, e, "One", u.ID)
		j2, _ := mustCreateJob(t, e, "Two", u.ID)
		mustCreateJob(t, e, "Not on the team", "")
		e.update(t, func(tx ats.Tx) error { return tx.ClearOutboxUpserts() })
		e.clock.Set(at(7))
		e.update(t, func(tx ats.Tx) error { return tx.SetUserLinkedIn(u.ID, "urn:li:person:r", "urn:li:seat:1") })
		wantOutbox(t, e, ats.OutboxUpsert, []ref{{ats.EntityTeam, j1.ID, "", ""}, {ats.EntityTeam, j2.ID, "", ""}})
		want := *u
		want.PersonURN, want.SeatURN, want.CreatedAt, want.UpdatedAt = "urn:li:person:r", "urn:li:seat:1", utc(at(0)), utc(at(7))
		e.view(t, func(tx ats.Tx) error {
			got, err := tx.FindUserByPersonURN("urn:li:person:r")
			check(t, err)
			diff(t, "user by person urn", got, &want)
			_, err = tx.FindUserByPersonURN("urn:li:person:other")
			wantCode(t, err, ats.ENOTFOUND)
			_, err = tx.FindUserByPersonURN("")
			wantCode(t, err, ats.ENOTFOUND)
			return nil
		})
		wantCode(t, e.updateErr(func(tx ats.Tx) error { return tx.SetUserLinkedIn("missing", "", "") }), ats.ENOTFOUND)
	}
}

func testSetCandidatePersonURN(open OpenFunc) func(*testing.T) {
	return func(t *testing.T) {
		e := setup(t, open)
		c := mustCreateCandidate(t, e, "Ann", "Lee", "ann@example.com")
		e.update(t, func(tx ats.Tx) error { return tx.ClearOutboxUpserts() })
		e.clock.Set(at(9))
		e.update(t, func(tx ats.Tx) error { return tx.SetCandidatePersonURN(c.ID, "urn:li:person:ann") })
		wantCount(t, e, 0)
		e.view(t, func(tx ats.Tx) error {
			got, err := tx.FindCandidateByID(c.ID)
			check(t, err)
			diff(t, "person urn, updated at", []any{got.PersonURN, got.UpdatedAt}, []any{"urn:li:person:ann", utc(at(2))})
			return nil
		})
		wantCode(t, e.updateErr(func(tx ats.Tx) error { return tx.SetCandidatePersonURN("missing", "x") }), ats.ENOTFOUND)
	}
}
