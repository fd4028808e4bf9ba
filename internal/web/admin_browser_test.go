package web_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"attractor/internal/ats"
	"attractor/internal/browsertest"
	"attractor/internal/linkedinsim"
	"attractor/internal/linkedinsim/simstore"
	"attractor/internal/queue"
	"attractor/internal/sqldb"
	"attractor/internal/sqldb/sqldbtest"
	"attractor/internal/store"
	"attractor/internal/syncer"
	"attractor/internal/web"
)

// adminSim is linkedinsim in-process with the seat holder who is its
// default world's Recruiter admin (seat 90001 of contract 5001).
type adminSim struct {
	url   string
	email string
}

// adminStartSim starts linkedinsim over loopback HTTP.
func adminStartSim(t *testing.T) adminSim {
	t.Helper()
	ctx := context.Background()
	st := simstore.New(sqldbtest.OpenSQLite(t, simstore.MigrationsFor(sqldb.SQLite)), nil)
	if err := linkedinsim.Generate(ctx, st, 1, 200); err != nil {
		t.Fatal(err)
	}
	svc := linkedinsim.NewService(st, nil)
	srv := httptest.NewServer(linkedinsim.NewServer(svc, slog.New(slog.DiscardHandler)).Handler())
	t.Cleanup(srv.Close)
	seat, _, err := st.FindSeatContract(ctx, 90001)
	if err != nil {
		t.Fatal(err)
	}
	m, err := st.FindMemberByID(ctx, seat.MemberID)
	if err != nil {
		t.Fatal(err)
	}
	return adminSim{url: srv.URL, email: m.Email}
}

// adminEnvWithSim is an env wired as cmd wires it, with a real syncer
// talking to sim: the web UI's CSP allows sim's in.js and widget frame.
func adminEnvWithSim(t *testing.T, sim adminSim) *env {
	t.Helper()
	return newEnvWith(t, envConfig{
		options: web.Options{LinkedInPlatformURL: sim.url, LinkedInAuthURL: sim.url},
		startLinkedIn: func(db *sqldb.DB, st *store.Store, publicURL string) envLinkedIn {
			return adminStartSyncer(t, db, st, sim, publicURL)
		}})
}

// adminStartSyncer starts the syncer and its queue on the env's database,
// talking to sim and telling LinkedIn to call back at publicURL.
func adminStartSyncer(t *testing.T, db *sqldb.DB, st *store.Store, sim adminSim, publicURL string) *syncer.Syncer {
	t.Helper()
	logger := slog.New(slog.DiscardHandler)
	q, err := queue.New(db, queue.Options{Logger: logger, PollInterval: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if err := q.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	sy, err := syncer.New(syncer.Config{Store: st, Queue: q, APIURL: sim.url, AuthURL: sim.url, PlatformURL: sim.url,
		ClientID: linkedinsim.DefaultPartnerClientID, ClientSecret: linkedinsim.DefaultPartnerClientSecret,
		PublicURL: publicURL, HTTPClient: &http.Client{Timeout: 10 * time.Second}, Logger: logger})
	if err != nil {
		t.Fatal(err)
	}
	if err := sy.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	return sy
}

// adminDo runs actions, failing the test on error.
func adminDo(t *testing.T, ctx context.Context, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

// adminText is the text of sel.
func adminText(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return strings.TrimSpace(s)
}

// adminInWidget runs steps inside LinkedIn's widget iframe, looked up
// afresh since each post in it loads a new document.
func adminInWidget(t *testing.T, ctx context.Context, steps func(f chromedp.QueryOption) []chromedp.Action[chromedp.Void]) {
	t.Helper()
	frames, err := chromedp.Run(ctx, chromedp.Nodes(chromedp.CSS("iframe[data-in-widget-frame]")))
	if err != nil {
		t.Fatalf("find the widget iframe: %v", err)
	}
	adminDo(t, ctx, steps(chromedp.FromNode(frames[0]))...)
}

// adminSubmitInWidget clicks sel in the widget and waits for the frame's
// next document.
func adminSubmitInWidget(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	frames, err := chromedp.Run(ctx, chromedp.Nodes(chromedp.CSS("iframe[data-in-widget-frame]")))
	if err != nil {
		t.Fatal(err)
	}
	child := func(ev page.EventFrameNavigated) bool { return ev.Frame.ParentID != "" }
	if _, err = chromedp.Run(ctx, chromedp.WaitEvent(page.FrameNavigated, child,
		chromedp.Click(chromedp.CSS(sel), chromedp.FromNode(frames[0])))); err != nil {
		t.Fatalf("submit %s in the widget: %v", sel, err)
	}
}

// TestAdminStoryInBrowser: an admin adds a user, fixes a failed edit and
// changes the user's role, looks at the templates, connects LinkedIn and
// requests access in LinkedIn's real (simulated) widget, so the tab shows
// Partner ready; then the dashboard and Connections, and the users tab at
// phone width.
func TestAdminStoryInBrowser(t *testing.T) {
	sim := adminStartSim(t)
	e := adminEnvWithSim(t, sim)
	admin := e.mustUser(t, ats.RoleAdmin, "Ada Admin")
	dashboardJob(t, e, admin, "Platform engineer")
	ctx := e.browser(t, admin, 1280)
	ctx, cancel := context.WithTimeout(ctx, 120*time.Second)
	defer cancel()

	// Users: add one.
	adminDo(t, ctx, chromedp.Navigate(e.url+"/admin/users"), chromedp.WaitVisible(chromedp.CSS("#user-create")),
		chromedp.SendKeys(chromedp.CSS("#f-name"), "Hal Hiring 👩🏽‍💻"),
		chromedp.SendKeys(chromedp.CSS("#f-email"), "hal@example.com"),
		chromedp.SetValue(chromedp.CSS("#f-role"), "interviewer"),
		chromedp.SendKeys(chromedp.CSS("#f-password"), testPassword),
		chromedp.Click(chromedp.CSS("#user-create button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#user-profile")))
	if got := adminText(t, ctx, ".subject-role"); got != "Interviewer" {
		t.Errorf("new user's role = %q", got)
	}
	// A too-short password shows its error; then the role changes.
	adminDo(t, ctx, chromedp.SendKeys(chromedp.CSS("#f-password"), "short"),
		chromedp.Click(chromedp.CSS("#user-password button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#f-password-error")))
	browsertest.Screenshot(t, ctx, "admin-user-edit.png")
	adminDo(t, ctx, chromedp.SetValue(chromedp.CSS("#f-role"), "hiring_manager"),
		chromedp.Click(chromedp.CSS("#user-profile button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".flash")))
	if got := adminText(t, ctx, ".subject-role"); got != "Hiring manager" {
		t.Errorf("role after change = %q", got)
	}
	adminDo(t, ctx, chromedp.Navigate(e.url+"/admin/users"), chromedp.WaitVisible(chromedp.CSS("table.users")))
	browsertest.Screenshot(t, ctx, "admin-users.png")
	adminDo(t, ctx, chromedp.Navigate(e.url+"/admin/templates"), chromedp.WaitVisible(chromedp.CSS("table.templates")))
	browsertest.Screenshot(t, ctx, "admin-templates.png")

	// LinkedIn: connect, then request company-level access in the widget.
	adminDo(t, ctx, chromedp.Navigate(e.url+"/admin/linkedin"), chromedp.WaitVisible(chromedp.CSS("#linkedin-connect")))
	browsertest.Screenshot(t, ctx, "linkedin-tab.png")
	adminDo(t, ctx, chromedp.Click(chromedp.CSS("#linkedin-connect button")),
		chromedp.WaitVisible(chromedp.CSS("iframe[data-in-widget-frame]")))
	adminInWidget(t, ctx, func(f chromedp.QueryOption) []chromedp.Action[chromedp.Void] {
		return []chromedp.Action[chromedp.Void]{
			chromedp.WaitVisible(chromedp.CSS("#widget-signin"), f),
			chromedp.SendKeys(chromedp.CSS("#session_key"), sim.email, f),
			chromedp.SendKeys(chromedp.CSS("#session_password"), linkedinsim.SeatPassword(1), f),
		}
	})
	browsertest.Screenshot(t, ctx, "linkedin-widget.png")
	adminSubmitInWidget(t, ctx, "#sign-in")
	adminInWidget(t, ctx, func(f chromedp.QueryOption) []chromedp.Action[chromedp.Void] {
		return []chromedp.Action[chromedp.Void]{chromedp.WaitVisible(chromedp.CSS("#choose-contract"), f),
			chromedp.Click(chromedp.CSS(`input[value="urn:li:contract:5001"]`), f)}
	})
	adminSubmitInWidget(t, ctx, "#continue")
	company := "#request-" + string(linkedinsim.BundleCompany)
	adminInWidget(t, ctx, func(f chromedp.QueryOption) []chromedp.Action[chromedp.Void] {
		return []chromedp.Action[chromedp.Void]{chromedp.WaitVisible(chromedp.CSS(company), f),
			chromedp.Click(chromedp.CSS(company), f)}
	})
	// app.js posts the widget's request; the tab comes back Partner ready.
	adminDo(t, ctx, chromedp.WaitVisible(chromedp.CSS(".stage-partner_ready")))
	if got := adminText(t, ctx, ".organization"); got != "urn:li:organization:1001" {
		t.Errorf("organization = %q", got)
	}
	browsertest.Screenshot(t, ctx, "linkedin-partner-ready.png")

	adminDo(t, ctx, chromedp.Navigate(e.url+"/"), chromedp.WaitVisible(chromedp.CSS(".job-card")))
	browsertest.Screenshot(t, ctx, "dashboard.png")
	adminDo(t, ctx, chromedp.Navigate(e.url+"/settings/connections"), chromedp.WaitVisible(chromedp.CSS("#linkedin-member-connect")))
	browsertest.Screenshot(t, ctx, "connections.png")

	// The users tab at phone width.
	narrow := e.browser(t, admin, 375)
	adminDo(t, narrow, chromedp.Navigate(e.url+"/admin/users"), chromedp.WaitVisible(chromedp.CSS("table.users")))
	fitsWidth(t, narrow, 375)
	browsertest.Screenshot(t, narrow, "admin-users-375.png")
}
