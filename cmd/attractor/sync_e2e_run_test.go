package main

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"attractor/internal/ats"
	"attractor/internal/linkedinsim"
	"attractor/internal/linkedinsim/simstore"
	"attractor/internal/seed"
	"attractor/internal/sqldb"
	"attractor/internal/store"
)

// e2eSizes is the seeded ATS of the end-to-end tests.
var e2eSizes = seed.Sizes{Jobs: 200, Candidates: 5000, Applications: 10000, Notes: 2000, Feedback: 1000, Workers: 4, Seed: 42}

// e2eSizesFor is e2eSizes, seeded by one writer on PostgreSQL, where
// concurrent seeders on tables this small keep failing each other's
// SERIALIZABLE transactions (about 90 s of the PostgreSQL tests' time).
func e2eSizesFor(engine sqldb.Engine) seed.Sizes {
	sz := e2eSizes
	if engine == sqldb.Postgres {
		sz.Workers = 1
	}
	return sz
}

const (
	e2eAdmin    = "admin@attractor.example"
	e2ePassword = "end-to-end-password"
)

// TestLinkedInSyncEndToEnd connects a seeded ATS to linkedinsim the way an
// admin does, enables contract-level access as LinkedIn's admin does, and
// checks that the historical sync leaves LinkedIn holding exactly what the
// ATS says it should, then that edits, a move past Prospect and deletions
// arrive. Both programs run through run, talking HTTP on loopback.
//
// The four runs (two tests, two engines) run in parallel: much of each is
// waiting on loopback round trips, and one after the other they would
// come close to go test's ten-minute limit on a two-core machine.
func TestLinkedInSyncEndToEnd(t *testing.T) {
	t.Parallel()
	for _, e := range e2eEngines {
		t.Run(e.name, func(t *testing.T) {
			t.Parallel()
			e2eSync(t, e, false)
		})
	}
}

// TestLinkedInSyncUnderFaults is the same under linkedinsim's faults (10%
// 5xx, a 429 burst, tokens expiring every 30 s, the enabling push
// dropped) with the ATS stopped abruptly mid-sync and restarted: the final
// state must be the same, and no entity confirmed once may be sent again.
func TestLinkedInSyncUnderFaults(t *testing.T) {
	t.Parallel()
	for _, e := range e2eEngines {
		t.Run(e.name, func(t *testing.T) {
			t.Parallel()
			e2eSync(t, e, true)
		})
	}
}

func e2eSync(t *testing.T, e e2eEngine, faults bool) {
	ctx := context.Background()
	atsURL, simURL := e.urls(t)
	t.Logf("engine=%s", e.name)
	seedATS(t, ctx, atsURL)
	sim := e2eStart(t, map[string]string{"LINKEDINSIM_DATABASE_URL": simURL, "LINKEDINSIM_MEMBERS": "1000"},
		"linkedinsim", "--addr", "127.0.0.1:0")
	simc := newE2EClient(t, sim.base)
	simControl(simc, http.MethodPut, "/sim/v1/limits", map[string]any{"enabled": false}, nil)
	counter, proxy := newSendCounter(t, sim.base)
	addr := freeAddr(t)
	env := map[string]string{"ATTRACTOR_DATABASE_URL": atsURL, "ATTRACTOR_ADDR": addr,
		"ATTRACTOR_PUBLIC_URL": "http://" + addr, "ATTRACTOR_LINKEDIN_API_URL": proxy.URL,
		"ATTRACTOR_LINKEDIN_AUTH_URL": sim.base, "ATTRACTOR_LINKEDIN_PLATFORM_URL": sim.base,
		"ATTRACTOR_LINKEDIN_RECORDS_PER_MINUTE": "-1", "ATTRACTOR_LINKEDIN_STATUS_POLL": "1s",
		"ATTRACTOR_ADMIN_EMAIL": e2eAdmin, "ATTRACTOR_ADMIN_PASSWORD": e2ePassword}
	atsProc := e2eStart(t, env, "serve")
	admin := signIn(t, atsProc.base)

	appID := connectAndRequest(t, admin, sim.base, "http://"+addr)
	if faults {
		simControl(simc, http.MethodPut, "/sim/v1/faults", map[string]any{"seed": 7, "errorRate": 0.1,
			"tokenExpirySeconds": 30, "burst429Calls": 5, "burst429RetryAfterSeconds": 1, "dropCallbackRate": 1}, nil)
	}
	simControl(simc, http.MethodPost, "/sim/v1/ats-instances/"+strconv.FormatInt(appID, 10)+"/enable",
		map[string]any{"level": "contract", "contract": "urn:li:contract:5001", "actor": "urn:li:seat:90001"}, nil)
	waitIntegration(t, admin, "enabled at contract level", time.Minute, func(v integrationView) bool {
		return v.Stage == "enabled" && v.AccessLevel == "contract"
	})
	if faults {
		admin = restartMidway(t, atsProc, env, counter)
	}
	start := time.Now()
	v := waitIntegration(t, admin, "historical sync done and outbox empty", 10*time.Minute, func(v integrationView) bool {
		return v.Historical.State == "done" && v.OutboxQueued == 0
	})
	t.Logf("historical sync: %d records in %s, %d failures", v.Historical.Done, time.Since(start).Round(time.Millisecond), v.Failures)
	if v.Failures != 0 {
		t.Errorf("%d sync failures after the historical sync", v.Failures)
	}
	want, jobIDs, appIDs := expectedState(t, ctx, atsURL)
	if d := diffStates(want, remoteState(t, ctx, simURL, appID, jobIDs, appIDs)); d != "" {
		t.Fatalf("after the historical sync LinkedIn holds other records than expected: %s", d)
	}
	repeats, confirmed, duringStop := counter.repeats()
	t.Logf("%d distinct records in LinkedIn, %d write confirmations (%d while the ATS was stopping), %d entities confirmed twice",
		len(want), confirmed, duringStop, len(repeats))
	if len(repeats) > 0 {
		t.Errorf("entities sent again after LinkedIn confirmed them: %v", firstOf(repeats, 10))
	}
	incrementalChanges(t, ctx, admin, want, simURL, appID)
	want, jobIDs, appIDs = expectedState(t, ctx, atsURL)
	if d := diffStates(want, remoteState(t, ctx, simURL, appID, jobIDs, appIDs)); d != "" {
		t.Fatalf("after the incremental changes: %s", d)
	}
}

func seedATS(t *testing.T, ctx context.Context, atsURL string) {
	t.Helper()
	db, err := sqldb.Open(ctx, atsURL)
	check(t, err)
	defer db.Close()
	check(t, store.Migrate(ctx, db))
	svc := ats.NewService(store.New(db, sqldb.UTCNow))
	check(t, svc.EnsureDefaultTemplate(ctx))
	_, err = svc.CreateUser(ats.NewContextWithUser(ctx, &ats.SystemUser), ats.UserInput{Email: e2eAdmin,
		Name: "Ada Admin", Role: ats.RoleAdmin, Password: e2ePassword})
	check(t, err)
	start := time.Now()
	w, err := seed.ATS(ctx, svc, e2eSizesFor(db.Engine))
	check(t, err)
	t.Logf("seeded %d jobs, %d candidates, %d applications (%d prospects) in %s", len(w.Jobs), len(w.Candidates),
		w.Applications, w.Prospects, time.Since(start).Round(time.Millisecond))
}

func signIn(t *testing.T, base string) *e2eClient {
	t.Helper()
	c := newE2EClient(t, base)
	c.json(http.MethodPost, "/api/v1/session", map[string]string{"email": e2eAdmin, "password": e2ePassword}, http.StatusOK, nil, nil)
	return c
}

// connectAndRequest runs the admin's part of the setup: Connect, the
// widget (played against linkedinsim), Request; it returns the
// simulator's id of the provisioned app.
func connectAndRequest(t *testing.T, admin *e2eClient, simBase, origin string) int64 {
	t.Helper()
	var widget struct {
		APIKey string `json:"api_key"`
	}
	admin.json(http.MethodPost, "/api/v1/integrations/linkedin/connect", nil, http.StatusOK, &widget, nil)
	payload := playWidget(t, simBase, widget.APIKey, origin)
	admin.json(http.MethodPost, "/api/v1/integrations/linkedin/request", payload, http.StatusOK, nil, nil)
	var v struct {
		Stage  string `json:"stage"`
		AppURN string `json:"app_urn"`
	}
	admin.json(http.MethodGet, "/api/v1/integrations/linkedin", nil, http.StatusOK, &v, nil)
	if v.Stage != "partner_ready" {
		t.Fatalf("after Request the stage is %q, want partner_ready", v.Stage)
	}
	id, err := strconv.ParseInt(strings.TrimPrefix(v.AppURN, "urn:li:developerApplication:"), 10, 64)
	check(t, err)
	return id
}

// restartMidway stops the ATS abruptly once the historical sync is a third
// done and starts it again on the same database. The counter is told
// while the stop is under way, to report how much was still in flight.
func restartMidway(t *testing.T, p *e2eProc, env map[string]string, counter *sendCounter) *e2eClient {
	t.Helper()
	admin := signIn(t, p.base)
	v := waitIntegration(t, admin, "a third of the historical sync", 10*time.Minute, func(v integrationView) bool {
		return v.Historical.Total > 0 && v.Historical.Done*3 >= v.Historical.Total
	})
	counter.setStopping(true)
	p.stop(t)
	counter.setStopping(false)
	t.Logf("stopped the ATS at %d of %d records", v.Historical.Done, v.Historical.Total)
	restarted := e2eStart(t, env, "serve")
	return signIn(t, restarted.base)
}

func firstOf(m map[string]int, n int) map[string]int {
	out := map[string]int{}
	for k, v := range m {
		if len(out) == n {
			break
		}
		out[k] = v
	}
	return out
}

// incrementalChanges edits a synced candidate, moves a withheld
// candidate's prospect past Prospect, deletes a candidate note and an
// application, and waits for each to show at LinkedIn, logging how long
// each took.
func incrementalChanges(t *testing.T, ctx context.Context, admin *e2eClient, synced syncState, simURL string, appID int64) {
	t.Helper()
	db, err := sqldb.Open(ctx, simURL)
	check(t, err)
	defer db.Close()
	sim := simstore.New(db, nil)
	key := func(id string) []linkedinsim.RecordKey { return keysOf(appID, 1001, []string{id}) }

	cand := someKey(synced, "candidate/")
	admin.json(http.MethodPatch, "/api/v1/candidates/"+cand, map[string]any{"current_title": "Principal Engineer ✓"}, http.StatusOK, nil, nil)
	waitRemote(t, "candidate edit", func() bool {
		cs, err := sim.FindCandidates(ctx, key(cand))
		check(t, err)
		return cs[0] != nil && strings.HasSuffix(remoteCandidate(t, cs[0].Body), "|Principal Engineer ✓")
	})

	prospect, candID := withheldProspect(t, admin, synced)
	var phases struct {
		Items []jobPhase `json:"items"`
	}
	var app struct {
		JobID string `json:"job_id"`
	}
	admin.json(http.MethodGet, "/api/v1/applications/"+prospect, nil, http.StatusOK, &app, nil)
	admin.json(http.MethodGet, "/api/v1/jobs/"+app.JobID+"/phases", nil, http.StatusOK, &phases, nil)
	admin.json(http.MethodPost, "/api/v1/applications/"+prospect+"/move", map[string]string{"phase_id": phaseOfKind(phases.Items, "application")}, http.StatusOK, nil, nil)
	waitRemote(t, "move past Prospect", func() bool {
		cs, err := sim.FindCandidates(ctx, key(candID))
		check(t, err)
		as, err := sim.FindApplications(ctx, key(prospect))
		check(t, err)
		return cs[0] != nil && as[0] != nil
	})

	note := someKey(synced, "candidateNote/")
	noteParent := noteOwner(t, ctx, sim, appID, synced, note)
	admin.json(http.MethodDelete, "/api/v1/notes/"+note, nil, http.StatusNoContent, nil, nil)
	waitRemote(t, "note deletion", func() bool {
		recs, err := sim.FindSubRecords(ctx, noteParent, linkedinsim.KindCandidateNote, []string{note})
		check(t, err)
		return recs[0] == nil
	})

	gone := applicationBesideAnother(synced)
	admin.json(http.MethodDelete, "/api/v1/applications/"+gone, nil, http.StatusNoContent, nil, nil)
	waitRemote(t, "application deletion", func() bool {
		as, err := sim.FindApplications(ctx, key(gone))
		check(t, err)
		return as[0] == nil
	})
}

// waitRemote polls until ok and logs how long the change took to arrive;
// the minute is a failure bound, not a timing assertion.
func waitRemote(t *testing.T, what string, ok func() bool) {
	t.Helper()
	start := time.Now()
	for !ok() {
		if time.Since(start) > time.Minute {
			t.Fatalf("%s did not reach LinkedIn within a minute", what)
		}
		time.Sleep(10 * time.Millisecond) // polling interval
	}
	t.Logf("%s visible at LinkedIn after %s", what, time.Since(start).Round(time.Millisecond))
}

func someKey(st syncState, prefix string) string {
	best := ""
	for k := range st {
		if strings.HasPrefix(k, prefix) && (best == "" || k < best) {
			best = k
		}
	}
	return strings.TrimPrefix(best, prefix)
}

// applicationBesideAnother returns a synced application whose candidate
// has another one synced: deleting it leaves the candidate at LinkedIn
// with reason to be there.
func applicationBesideAnother(st syncState) string {
	perCandidate := map[string][]string{}
	for k, v := range st {
		if id, ok := strings.CutPrefix(k, "application/"); ok {
			cand, _, _ := strings.Cut(v, "|")
			perCandidate[cand] = append(perCandidate[cand], id)
		}
	}
	best := ""
	for _, ids := range perCandidate {
		for _, id := range ids {
			if len(ids) > 1 && (best == "" || id < best) {
				best = id
			}
		}
	}
	return best
}

// withheldProspect finds a candidate LinkedIn does not have (all their
// applications are prospects) and returns one of their applications.
func withheldProspect(t *testing.T, admin *e2eClient, synced syncState) (appID, candidateID string) {
	t.Helper()
	var list struct {
		Items []struct {
			ID string `json:"id"`
		} `json:"items"`
	}
	for off := 0; off < e2eSizes.Candidates; off += 100 { // the largest size; the list just ends earlier
		admin.json(http.MethodGet, "/api/v1/candidates?limit=100&offset="+strconv.Itoa(off), nil, http.StatusOK, &list, nil)
		for _, c := range list.Items {
			if _, ok := synced["candidate/"+c.ID]; ok {
				continue
			}
			var apps struct {
				Items []struct {
					ID string `json:"id"`
				} `json:"items"`
			}
			admin.json(http.MethodGet, "/api/v1/candidates/"+c.ID+"/applications", nil, http.StatusOK, &apps, nil)
			if len(apps.Items) > 0 {
				return apps.Items[0].ID, c.ID
			}
		}
	}
	t.Fatal("the seeded ATS has no candidate whose applications are all prospects")
	return "", ""
}

// jobPhase is a phase as GET /api/v1/jobs/{id}/phases lists it.
type jobPhase struct {
	ID   string `json:"id"`
	Kind string `json:"kind"`
}

func phaseOfKind(phases []jobPhase, kind string) string {
	for _, p := range phases {
		if p.Kind == kind {
			return p.ID
		}
	}
	return ""
}

// noteOwner finds the synced candidate whose notes include note.
func noteOwner(t *testing.T, ctx context.Context, sim *simstore.Store, appID int64, synced syncState, note string) linkedinsim.RecordKey {
	t.Helper()
	for k := range synced {
		id, ok := strings.CutPrefix(k, "candidate/")
		if !ok {
			continue
		}
		parent := keysOf(appID, 1001, []string{id})[0]
		recs, err := sim.FindSubRecords(ctx, parent, linkedinsim.KindCandidateNote, []string{note})
		check(t, err)
		if recs[0] != nil {
			return parent
		}
	}
	t.Fatalf("no synced candidate holds note %s", note)
	return linkedinsim.RecordKey{}
}
