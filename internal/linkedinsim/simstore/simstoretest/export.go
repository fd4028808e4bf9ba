package simstoretest

import (
	"testing"
	"time"

	"attractor/internal/linkedinsim"
)

// testExport covers 1-Click Export storage: an export and its push are
// written together or not at all, read back byte for byte, listed per
// app, cleared by a world reset; jobs map to the apps that synced them.
func testExport(t *testing.T, open OpenFunc) {
	t.Run("CreateFind", func(t *testing.T) {
		s := setup(t, open)
		check(t, linkedinsim.Generate(ctx, s, 1, 50))
		app := mustCreateChild(t, s, "tenant-export")
		e := sampleExport(t, s, app.ID, "req-1")
		p := samplePush(app.ID, "req-1")
		check(t, s.CreateExport(ctx, e, p))
		got, err := s.FindExport(ctx, "req-1")
		check(t, err)
		want := *e
		want.ExportedAt = utc(baseTime)
		diff(t, "export", *got, want)
		push, err := s.FindPush(ctx, p.ID)
		check(t, err)
		if push.NotificationID != "req-1" || push.Type != linkedinsim.PushExportCandidateProfile {
			t.Errorf("push = %+v", push)
		}
		_, err = s.FindExport(ctx, "nope")
		wantCode(t, err, linkedinsim.ENOTFOUND)

		later := sampleExport(t, s, app.ID, "req-0")
		later.ExportedAt = baseTime.Add(time.Minute)
		check(t, s.CreateExport(ctx, later, samplePush(app.ID, "req-0")))
		list, err := s.ListExports(ctx, app.ID)
		check(t, err)
		if len(list) != 2 || list[0].RequestID != "req-1" || list[1].RequestID != "req-0" {
			t.Errorf("list = %+v, want req-1 then req-0", list)
		}
		other, err := s.ListExports(ctx, app.ID+1000)
		check(t, err)
		if len(other) != 0 {
			t.Errorf("another app's list = %+v", other)
		}
	})
	t.Run("AllOrNothing", func(t *testing.T) {
		s := setup(t, open)
		check(t, linkedinsim.Generate(ctx, s, 1, 50))
		app := mustCreateChild(t, s, "tenant-export")
		check(t, s.CreateExport(ctx, sampleExport(t, s, app.ID, "req-1"), samplePush(app.ID, "req-1")))
		// The same request id again: a conflict, and its push is not kept.
		p := samplePush(app.ID, "req-1")
		p.ID = "push-other"
		wantCode(t, s.CreateExport(ctx, sampleExport(t, s, app.ID, "req-1"), p), linkedinsim.ECONFLICT)
		_, err := s.FindPush(ctx, "push-other")
		wantCode(t, err, linkedinsim.ENOTFOUND)
		// A push id that exists: the export is not kept.
		wantCode(t, s.CreateExport(ctx, sampleExport(t, s, app.ID, "req-2"), samplePush(app.ID, "req-1")),
			linkedinsim.ECONFLICT)
		_, err = s.FindExport(ctx, "req-2")
		wantCode(t, err, linkedinsim.ENOTFOUND)
	})
	t.Run("Reset", func(t *testing.T) {
		s := setup(t, open)
		check(t, linkedinsim.Generate(ctx, s, 1, 50))
		app := mustCreateChild(t, s, "tenant-export")
		check(t, s.CreateExport(ctx, sampleExport(t, s, app.ID, "req-1"), samplePush(app.ID, "req-1")))
		check(t, linkedinsim.Generate(ctx, s, 1, 50))
		_, err := s.FindExport(ctx, "req-1")
		wantCode(t, err, linkedinsim.ENOTFOUND)
	})
}

// sampleExport is an export by the world's first seat of its first
// member, with hostile text in the profile.
func sampleExport(t *testing.T, s linkedinsim.Store, appID int64, requestID string) *linkedinsim.ExportedCandidate {
	t.Helper()
	wc, err := s.WorldContents(ctx)
	check(t, err)
	sh := wc.SeatHolders[0]
	var org int64
	for _, c := range wc.Contracts {
		if c.ID == sh.ContractID {
			org = c.OrganizationID
		}
	}
	m, err := s.FindMemberByID(ctx, 1)
	check(t, err)
	return &linkedinsim.ExportedCandidate{RequestID: requestID, AppID: appID, OrganizationID: org,
		ContractID: sh.ContractID, SeatID: sh.ID, ExporterPersonURN: sh.Member.PersonURN, MemberID: m.ID,
		PersonURN: m.PersonURN, FirstName: m.FirstName, LastName: m.LastName, Headline: hostile,
		Company: m.Company, Title: m.Title, Location: m.Location, ProfileURL: m.ProfileURL,
		ExternalJobPostingID: "J1", JobTitle: hostile, ExportedAt: baseTime}
}

func samplePush(appID int64, requestID string) *linkedinsim.PushNotification {
	return &linkedinsim.PushNotification{ID: "push-" + requestID, AppID: appID, Type: linkedinsim.PushExportCandidateProfile,
		NotificationID: requestID, Body: []byte(`{"id":"` + requestID + `"}`), NextAttemptAt: baseTime, CreatedAt: baseTime}
}
