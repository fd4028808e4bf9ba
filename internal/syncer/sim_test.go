package syncer

import (
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"attractor/internal/linkedinsim"
	"attractor/internal/linkedinsim/simstore"
	"attractor/internal/rsc"
	"attractor/internal/sqldb"
	"attractor/internal/sqldb/sqldbtest"
)

// This file starts linkedinsim in-process over loopback HTTP, provisions
// and enables a child app in it the way LinkedIn's users would, and reads
// back what the simulator stored, for the sync engine's tests.

// In the simulator's default world organization 1001 has contract 5001,
// whose admin seat is 90001 and whose seat 90002 is an ordinary recruiter.
const (
	simOrg      = "urn:li:organization:1001"
	simContract = "urn:li:contract:5001"
	simAdmin    = "urn:li:seat:90001"
)

// linkedinSim is a running simulator.
type linkedinSim struct {
	url   string
	svc   *linkedinsim.Service
	store *simstore.Store
	db    *sqldb.DB
}

// startSim starts a simulator on SQLite with a generated world and
// LinkedIn's throttles raised far above what the tests send, keeping the
// batch size.
func startSim(t testing.TB) *linkedinSim {
	t.Helper()
	return startSimOn(t, sqldbtest.OpenSQLite(t, simstore.MigrationsFor(sqldb.SQLite)), nil)
}

// startSimOn is startSim on an opened, migrated simulator database, with
// now as the simulator's clock (nil: the real one).
func startSimOn(t testing.TB, db *sqldb.DB, now func() time.Time) *linkedinSim {
	t.Helper()
	store := simstore.New(db, nil)
	if err := linkedinsim.Generate(context.Background(), store, 1, 200); err != nil {
		t.Fatal(err)
	}
	svc := linkedinsim.NewService(store, now)
	srv := httptest.NewServer(linkedinsim.NewServer(svc, slog.New(slog.DiscardHandler)).Handler())
	t.Cleanup(srv.Close)
	e := &linkedinSim{url: srv.URL, svc: svc, store: store, db: db}
	e.control(t, "PUT", "/sim/v1/limits", `{"enabled":true,"recordsPerMinute":10000000,"callsPerDay":10000000}`)
	return e
}

// control calls the simulator's control API.
func (e *linkedinSim) control(t testing.TB, method, path, body string) {
	t.Helper()
	req, _ := http.NewRequest(method, e.url+path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+linkedinsim.DefaultControlToken)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("%s %s = %d %s", method, path, resp.StatusCode, b)
	}
}

// member returns the member holding a seat of the default world.
func (e *linkedinSim) member(t testing.TB, seat int64) *linkedinsim.Member {
	t.Helper()
	s, _, err := e.store.FindSeatContract(context.Background(), seat)
	if err != nil {
		t.Fatal(err)
	}
	m, err := e.store.FindMemberByID(context.Background(), s.MemberID)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// childApp is a provisioned, enabled child app.
type childApp struct {
	urn, clientID, secret string
	simID                 int64
}

// enableChild provisions a child app, requests, names and configures its
// integrations and has the Recruiter admin enable them (rsc-api.md §6.1).
func (e *linkedinSim) enableChild(t testing.TB) childApp {
	t.Helper()
	ctx := context.Background()
	parent := rsc.New(rsc.Config{APIURL: e.url, AuthURL: e.url, ClientID: linkedinsim.DefaultPartnerClientID,
		ClientSecret: linkedinsim.DefaultPartnerClientSecret, RecordsPerMinute: -1})
	app, err := parent.CreateApp(ctx, rsc.AppInput{UniqueForeignID: "inst-1", Name: "Attractor - Acme",
		Description: "Attractor instance inst-1", ValidJSSDKDomains: []string{"https://ats.example"}})
	if err != nil {
		t.Fatal(err)
	}
	id, secret := app.Credentials.ClientID, app.Credentials.ClientSecret
	child := rsc.New(rsc.Config{APIURL: e.url, AuthURL: e.url, ClientID: id, ClientSecret: secret, RecordsPerMinute: -1})
	if _, err := e.svc.RequestIntegration(ctx, id, e.member(t, 90001).PersonURN, simOrg, simContract,
		linkedinsim.LevelContract); err != nil {
		t.Fatal(err)
	}
	keys := []rsc.IntegrationKey{{Context: simOrg, Type: rsc.OneClickExport}, {Context: simOrg, Type: rsc.InATSIndicator},
		{Context: simOrg, Type: rsc.ProfilePlugin}, {Context: simContract, Type: rsc.CSAAPI}}
	_, err = child.NameIntegrations(ctx, keys, []string{"Acme export", "Acme indicator", "Acme plugin", "Acme CSA"})
	must(t, err)
	_, err = child.SetConfigurations(ctx, keys[0], map[string]string{rsc.ConfigCallbackURL: "https://ats.example/linkedin/callback",
		rsc.ConfigJobPostingViewers: rsc.AllProductUsers})
	must(t, err)
	_, err = child.SetConfigurations(ctx, keys[1], map[string]string{rsc.ConfigAppViewers: rsc.AllProductUsers})
	must(t, err)
	e.control(t, "POST", "/sim/v1/ats-instances/"+app.Key+"/enable",
		`{"level":"contract","contract":"`+simContract+`","actor":"`+simAdmin+`"}`)
	simApp, err := e.store.FindAppByClientID(ctx, id)
	must(t, err)
	return childApp{urn: app.Key, clientID: id, secret: secret, simID: simApp.ID}
}

// remote is what the simulator stores for one app, keyed by kind and id:
// "job/<id>", "candidate/<id>", "candidateNote/<candidate>/<id>",
// "application/<id>", "note|interviewFeedback|stage/<application>/<id>",
// "acl/<acl id>/<job id>", "assignee/<acl id>/<person>"; values are the
// bodies as LinkedIn stored them (or "" for ACLs).
type remote map[string]string

// snapshot reads everything the app synced, straight from the
// simulator's tables.
func (e *linkedinSim) snapshot(t *testing.T, appID int64) remote {
	t.Helper()
	out := remote{}
	queries := []struct{ prefix, sql string }{
		{"job/", "SELECT external_job_posting_id, body FROM sync_jobs WHERE app_id = $1"},
		{"candidate/", "SELECT ats_candidate_id, body FROM sync_candidates WHERE app_id = $1"},
		{"candidateNote/", "SELECT ats_candidate_id || '/' || note_id, body FROM sync_candidate_notes WHERE app_id = $1"},
		{"application/", "SELECT ats_job_application_id, body FROM sync_applications WHERE app_id = $1"},
		{"", "SELECT kind || '/' || ats_job_application_id || '/' || item_id, body FROM sync_application_items WHERE app_id = $1"},
		{"acl/", "SELECT ats_entity_acl_id || '/' || ats_entity_id, '' FROM sync_acls WHERE app_id = $1"},
		{"assignee/", "SELECT ats_entity_acl_id || '/' || assignee, '' FROM sync_acl_assignees WHERE app_id = $1"},
	}
	for _, q := range queries {
		rows, err := e.db.Read.QueryContext(context.Background(), q.sql, appID)
		must(t, err)
		for rows.Next() {
			var k, body string
			must(t, rows.Scan(&k, &body))
			out[q.prefix+k] = body
		}
		must(t, rows.Err())
		rows.Close()
	}
	return out
}

// field decodes one field of a stored body.
func (r remote) field(t *testing.T, key, name string) any {
	t.Helper()
	body, ok := r[key]
	if !ok {
		t.Fatalf("%s not at LinkedIn", key)
	}
	var m map[string]any
	must(t, json.Unmarshal([]byte(body), &m))
	return m[name]
}

// count counts the keys with a prefix.
func (r remote) count(prefix string) int {
	n := 0
	for k := range r {
		if strings.HasPrefix(k, prefix) {
			n++
		}
	}
	return n
}

// engine is a database engine the tests run on.
type engine struct {
	name   string
	engine sqldb.Engine
	open   func(testing.TB, fs.FS) *sqldb.DB
}

var engines = []engine{
	{"sqlite", sqldb.SQLite, sqldbtest.OpenSQLite},
	{"postgres", sqldb.Postgres, sqldbtest.OpenPostgres},
}

// forEachEngine runs fn on SQLite, and on PostgreSQL when configured.
func forEachEngine(t *testing.T, fn func(t *testing.T, e engine)) {
	for _, e := range engines {
		t.Run(e.name, func(t *testing.T) {
			if e.engine == sqldb.Postgres {
				sqldbtest.PostgresURL(t)
			}
			t.Parallel()
			t.Logf("engine=%s", e.name)
			fn(t, e)
		})
	}
}

// simTransport carries the tests' calls to linkedinsim, keeping
// connections as the syncer's own default transport does.
var simTransport = rsc.NewTransport()

// waitFor polls cond until it holds; the deadline only bounds a failure.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
