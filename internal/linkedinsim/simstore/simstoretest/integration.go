package simstoretest

import (
	"strconv"
	"sync"
	"testing"
	"time"

	"attractor/internal/linkedinsim"
)

// In the default world (seed 1) organization 1001 has contracts 5001 and
// 5002, and seat 90001 is the admin seat of contract 5001.
const (
	org1      = "urn:li:organization:1001"
	contract1 = "urn:li:contract:5001"
)

func testIntegration(t *testing.T, open OpenFunc) {
	t.Run("ChangeAndRead", func(t *testing.T) { testIntegrationChange(t, open) })
	t.Run("RollbackOnError", func(t *testing.T) { testIntegrationRollback(t, open) })
	t.Run("Seats", func(t *testing.T) { testIntegrationSeats(t, open) })
	t.Run("Push", func(t *testing.T) { testIntegrationPush(t, open) })
	t.Run("CallbackOwner", func(t *testing.T) { testCallbackOwner(t, open) })
	t.Run("CallbackRace", func(t *testing.T) { testCallbackRace(t, open) })
}

// integrationWorld opens a store with a small world and one child app.
func integrationWorld(t *testing.T, open OpenFunc) (linkedinsim.Store, *linkedinsim.App) {
	t.Helper()
	s := setup(t, open)
	check(t, linkedinsim.Generate(ctx, s, 1, 50))
	return s, mustCreateChild(t, s, "tenant-1")
}

func sampleChange(appID int64) linkedinsim.IntegrationChange {
	oce := linkedinsim.IntegrationKey{Context: org1, Type: linkedinsim.OneClickExport}
	csa := linkedinsim.IntegrationKey{Context: contract1, Type: linkedinsim.CSAAPI}
	return linkedinsim.IntegrationChange{
		Integrations: []linkedinsim.Integration{
			{AppID: appID, Key: oce, OrganizationID: 1001, Name: hostile, Status: linkedinsim.StatusEnabled,
				RequestedAt: baseTime, EnabledAt: baseTime.Add(time.Minute), UpdatedAt: baseTime},
			{AppID: appID, Key: csa, OrganizationID: 1001, ContractID: 5001, Status: linkedinsim.StatusRequested,
				RequestedAt: baseTime, UpdatedAt: baseTime},
		},
		SetConfigs: []linkedinsim.Configuration{{AppID: appID, Key: oce, Name: linkedinsim.ConfigCallbackURL,
			Value: "https://ats.example/li/callback?t=1&x=é", UpdatedAt: baseTime}},
		Requests: []linkedinsim.IntegrationRequest{{ID: "req-1", AppID: appID, Kind: linkedinsim.KindRequest,
			Status: linkedinsim.StatusRequested, Level: linkedinsim.LevelContract, OrganizationID: 1001,
			ContractID: 5001, Actor: "urn:li:person:x", CreatedAt: baseTime, ExpiresAt: baseTime.Add(time.Hour),
			Items: []linkedinsim.IntegrationKey{csa, oce}}},
	}
}

func testIntegrationChange(t *testing.T, open OpenFunc) {
	s, app := integrationWorld(t, open)
	change := sampleChange(app.ID)
	check(t, s.ChangeIntegrations(ctx, app.ID, func(set linkedinsim.IntegrationSet) (linkedinsim.IntegrationChange, error) {
		if len(set.Integrations) != 0 || len(set.Configurations) != 0 {
			t.Errorf("fresh app has %+v", set)
		}
		return change, nil
	}))
	set, err := s.FindIntegrationSet(ctx, app.ID)
	check(t, err)
	want := change.Integrations
	for i := range want {
		want[i].RequestedAt, want[i].UpdatedAt = utc(want[i].RequestedAt), utc(want[i].UpdatedAt)
		if !want[i].EnabledAt.IsZero() {
			want[i].EnabledAt = utc(want[i].EnabledAt)
		}
	}
	diff(t, "integrations", set.Integrations, []linkedinsim.Integration{want[1], want[0]})
	cfg := change.SetConfigs[0]
	cfg.UpdatedAt = utc(cfg.UpdatedAt)
	diff(t, "configurations", set.Configurations, []linkedinsim.Configuration{cfg})
	in, err := s.ListIntegrationsInContext(ctx, app.ID, contract1)
	check(t, err)
	diff(t, "in context", in, []linkedinsim.Integration{want[1]})
	all, err := s.ListAllIntegrations(ctx)
	check(t, err)
	if len(all) != 2 {
		t.Errorf("all integrations = %d, want 2", len(all))
	}
	req, err := s.FindIntegrationRequest(ctx, "req-1")
	check(t, err)
	wantReq := change.Requests[0]
	wantReq.CreatedAt, wantReq.ExpiresAt = utc(wantReq.CreatedAt), utc(wantReq.ExpiresAt)
	diff(t, "request", *req, wantReq)
	owners, err := s.ConfigurationOwners(ctx, linkedinsim.ConfigCallbackURL, cfg.Value)
	check(t, err)
	diff(t, "owners", owners, []int64{app.ID})
	apps, err := s.ListChildApps(ctx)
	check(t, err)
	if len(apps) != 1 || apps[0].ID != app.ID {
		t.Errorf("child apps = %+v", apps)
	}
	// Update in place and delete the configuration.
	check(t, s.ChangeIntegrations(ctx, app.ID, func(set linkedinsim.IntegrationSet) (linkedinsim.IntegrationChange, error) {
		row := set.Integrations[0]
		row.Status, row.Name = linkedinsim.StatusPartnerReady, "CSA"
		return linkedinsim.IntegrationChange{Integrations: []linkedinsim.Integration{row},
			DeleteConfigs: []linkedinsim.Configuration{cfg}}, nil
	}))
	set, err = s.FindIntegrationSet(ctx, app.ID)
	check(t, err)
	if set.Integrations[0].Status != linkedinsim.StatusPartnerReady || set.Integrations[0].Name != "CSA" ||
		len(set.Configurations) != 0 {
		t.Errorf("after update: %+v", set)
	}
	_, err = s.FindIntegrationRequest(ctx, "nope")
	wantCode(t, err, linkedinsim.ENOTFOUND)
}

func testIntegrationRollback(t *testing.T, open OpenFunc) {
	s, app := integrationWorld(t, open)
	err := s.ChangeIntegrations(ctx, app.ID, func(linkedinsim.IntegrationSet) (linkedinsim.IntegrationChange, error) {
		return linkedinsim.IntegrationChange{}, linkedinsim.Errorf(linkedinsim.ECONFLICT, "no")
	})
	wantCode(t, err, linkedinsim.ECONFLICT)
	// A change that fails half-way (second request id repeats) writes nothing.
	change := sampleChange(app.ID)
	change.Requests = append(change.Requests, change.Requests[0])
	err = s.ChangeIntegrations(ctx, app.ID, func(linkedinsim.IntegrationSet) (linkedinsim.IntegrationChange, error) {
		return change, nil
	})
	wantCode(t, err, linkedinsim.ECONFLICT)
	set, err := s.FindIntegrationSet(ctx, app.ID)
	check(t, err)
	if len(set.Integrations) != 0 || len(set.Configurations) != 0 {
		t.Errorf("failed change left %+v", set)
	}
}

func testIntegrationSeats(t *testing.T, open OpenFunc) {
	s, _ := integrationWorld(t, open)
	seat, con, err := s.FindSeatContract(ctx, 90001)
	check(t, err)
	if seat.ContractID != 5001 || !seat.Admin || con.ID != 5001 || con.OrganizationID != 1001 {
		t.Errorf("seat 90001 = %+v on %+v", seat, con)
	}
	m, err := s.FindMemberByID(ctx, seat.MemberID)
	check(t, err)
	seat2, con2, err := s.FindMemberSeat(ctx, 5001, m.PersonURN)
	check(t, err)
	diff(t, "member seat", *seat2, *seat)
	diff(t, "member contract", *con2, *con)
	_, _, err = s.FindSeatContract(ctx, 1)
	wantCode(t, err, linkedinsim.ENOTFOUND)
	_, _, err = s.FindMemberSeat(ctx, 5003, m.PersonURN)
	wantCode(t, err, linkedinsim.ENOTFOUND)
}

func testIntegrationPush(t *testing.T, open OpenFunc) {
	s, app := integrationWorld(t, open)
	_, err := s.NextPushDue(ctx)
	wantCode(t, err, linkedinsim.ENOTFOUND)
	p := &linkedinsim.PushNotification{ID: "push-1", AppID: app.ID, Type: linkedinsim.PushIntegrationStatusChange,
		NotificationID: "req-1", Body: []byte(`{"id":"req-1"}`), NextAttemptAt: baseTime, CreatedAt: baseTime}
	check(t, s.CreatePush(ctx, p))
	next, err := s.NextPushDue(ctx)
	check(t, err)
	diff(t, "next due", next, utc(baseTime))
	due, err := s.DuePushes(ctx, baseTime.Add(-time.Second), 10)
	check(t, err)
	if len(due) != 0 {
		t.Errorf("due before its time: %+v", due)
	}
	due, err = s.DuePushes(ctx, baseTime, 10)
	check(t, err)
	diff(t, "due", due, []linkedinsim.PushNotification{*p})
	failAt, okAt := baseTime.Add(time.Second), baseTime.Add(3*time.Second)
	fail := linkedinsim.PushAttempt{PushID: p.ID, Attempt: 1, At: failAt, CallbackURL: "https://ats.example/cb",
		StatusCode: 500, Error: "callback answered 500"}
	check(t, s.RecordPushAttempt(ctx, fail, linkedinsim.PushProgress{Attempts: 1, NextAttemptAt: okAt}))
	due, err = s.DuePushes(ctx, failAt, 10)
	check(t, err)
	if len(due) != 0 {
		t.Errorf("due during backoff: %+v", due)
	}
	ok := linkedinsim.PushAttempt{PushID: p.ID, Attempt: 2, At: okAt, CallbackURL: "https://ats.example/cb", StatusCode: 200}
	check(t, s.RecordPushAttempt(ctx, ok, linkedinsim.PushProgress{Attempts: 2, NextAttemptAt: okAt, DeliveredAt: okAt}))
	got, err := s.FindPush(ctx, p.ID)
	check(t, err)
	want := *p
	want.Attempts, want.NextAttemptAt, want.DeliveredAt = 2, utc(okAt), utc(okAt)
	fail.At, ok.At = utc(fail.At), utc(ok.At)
	want.History = []linkedinsim.PushAttempt{fail, ok}
	diff(t, "push", *got, want)
	list, err := s.ListPushes(ctx, app.ID)
	check(t, err)
	diff(t, "list", list, []linkedinsim.PushNotification{want})
	_, err = s.NextPushDue(ctx)
	wantCode(t, err, linkedinsim.ENOTFOUND)
	wantCode(t, s.RecordPushAttempt(ctx, linkedinsim.PushAttempt{PushID: "nope", Attempt: 1, At: baseTime},
		linkedinsim.PushProgress{Attempts: 1, NextAttemptAt: baseTime}), linkedinsim.ENOTFOUND)
	_, err = s.FindPush(ctx, "nope")
	wantCode(t, err, linkedinsim.ENOTFOUND)
}

// requestedOCE stores a REQUESTED ONE_CLICK_EXPORT integration of org1 for
// app, so configurations can be set on it.
func requestedOCE(t *testing.T, s linkedinsim.Store, appID int64) linkedinsim.IntegrationKey {
	t.Helper()
	k := linkedinsim.IntegrationKey{Context: org1, Type: linkedinsim.OneClickExport}
	check(t, s.ChangeIntegrations(ctx, appID, func(linkedinsim.IntegrationSet) (linkedinsim.IntegrationChange, error) {
		return linkedinsim.IntegrationChange{Integrations: []linkedinsim.Integration{{AppID: appID, Key: k,
			OrganizationID: 1001, Status: linkedinsim.StatusRequested, RequestedAt: baseTime, UpdatedAt: baseTime}}}, nil
	}))
	return k
}

// setCallback writes url as app's CALLBACK_URL on k.
func setCallback(s linkedinsim.Store, appID int64, k linkedinsim.IntegrationKey, url string) error {
	return s.ChangeIntegrations(ctx, appID, func(linkedinsim.IntegrationSet) (linkedinsim.IntegrationChange, error) {
		return linkedinsim.IntegrationChange{SetConfigs: []linkedinsim.Configuration{{AppID: appID, Key: k,
			Name: linkedinsim.ConfigCallbackURL, Value: url, UpdatedAt: baseTime}}}, nil
	})
}

// testCallbackOwner: ChangeIntegrations refuses, inside its transaction, a
// CALLBACK_URL another app holds (ECONFLICT, nothing written), while the
// owner may set it again and other configuration names are not checked.
func testCallbackOwner(t *testing.T, open OpenFunc) {
	s, a := integrationWorld(t, open)
	b := mustCreateChild(t, s, "tenant-2")
	ka, kb := requestedOCE(t, s, a.ID), requestedOCE(t, s, b.ID)
	const url = "https://ats.example/li/shared"
	check(t, setCallback(s, a.ID, ka, url))
	check(t, setCallback(s, a.ID, ka, url)) // the owner again
	wantCode(t, setCallback(s, b.ID, kb, url), linkedinsim.ECONFLICT)
	set, err := s.FindIntegrationSet(ctx, b.ID)
	check(t, err)
	if len(set.Configurations) != 0 {
		t.Errorf("refused callback left %+v", set.Configurations)
	}
	check(t, s.ChangeIntegrations(ctx, b.ID, func(linkedinsim.IntegrationSet) (linkedinsim.IntegrationChange, error) {
		return linkedinsim.IntegrationChange{SetConfigs: []linkedinsim.Configuration{{AppID: b.ID, Key: kb,
			Name: linkedinsim.ConfigJobPostingViewers, Value: url, UpdatedAt: baseTime}}}, nil
	}))
	owners, err := s.ConfigurationOwners(ctx, linkedinsim.ConfigCallbackURL, url)
	check(t, err)
	diff(t, "owners", owners, []int64{a.ID})
}

// testCallbackRace: apps registering the same CALLBACK_URL at once cannot
// both win; exactly one succeeds and the rest are ECONFLICT.
func testCallbackRace(t *testing.T, open OpenFunc) {
	s, first := integrationWorld(t, open)
	apps := []*linkedinsim.App{first}
	for i := range 5 {
		apps = append(apps, mustCreateChild(t, s, "tenant-race-"+strconv.Itoa(i)))
	}
	keys := make([]linkedinsim.IntegrationKey, len(apps))
	for i, app := range apps {
		keys[i] = requestedOCE(t, s, app.ID)
	}
	const url = "https://ats.example/li/raced"
	errs := make([]error, len(apps))
	var start, wg sync.WaitGroup
	start.Add(1)
	for i, app := range apps {
		wg.Go(func() {
			start.Wait()
			errs[i] = setCallback(s, app.ID, keys[i], url)
		})
	}
	start.Done()
	wg.Wait()
	won := 0
	for i, err := range errs {
		switch {
		case err == nil:
			won++
		case linkedinsim.ErrorCode(err) != linkedinsim.ECONFLICT:
			t.Errorf("app %d: %v, want nil or ECONFLICT", apps[i].ID, err)
		}
	}
	owners, err := s.ConfigurationOwners(ctx, linkedinsim.ConfigCallbackURL, url)
	check(t, err)
	if won != 1 || len(owners) != 1 {
		t.Errorf("%d apps won, owners %v; want exactly one", won, owners)
	}
}
