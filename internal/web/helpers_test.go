package web_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/andybalholm/cascadia"
	"github.com/chromedp/chromedp"
	"golang.org/x/net/html"

	"attractor/internal/api"
	"attractor/internal/ats"
	"attractor/internal/browsertest"
	"attractor/internal/session"
	"attractor/internal/sqldb"
	"attractor/internal/sqldb/sqldbtest"
	"attractor/internal/store"
	"attractor/internal/web"
)

// testPassword is every test user's password.
const testPassword = "correct horse battery staple"

// env is the web UI and the JSON API on one mux, as cmd composes them,
// over a fresh SQLite database, served over real HTTP.
type env struct {
	url   string
	svc   *ats.Service
	store *store.Store
	users atomic.Int64
}

// newEnv starts the UI without a LinkedIn integration.
func newEnv(t testing.TB) *env {
	t.Helper()
	return newEnvWith(t, envConfig{})
}

// envConfig is what an env wires beyond the defaults.
type envConfig struct {
	// linkedin is the UI's integration (a fake); nil: none.
	linkedin web.LinkedIn
	// startLinkedIn, when set, builds the integration instead from the
	// env's database, store and public URL (cmd's syncer needs all three);
	// the JSON API gets it too, as in cmd.
	startLinkedIn func(db *sqldb.DB, st *store.Store, publicURL string) envLinkedIn
	// options are the UI's; zero: LinkedIn's platform on 127.0.0.1:8090.
	options web.Options
}

// envLinkedIn is an integration both the UI and the JSON API use (the
// syncer).
type envLinkedIn interface {
	web.LinkedIn
	api.LinkedIn
}

// newEnvWith starts the UI wired as cfg says.
func newEnvWith(t testing.TB, cfg envConfig) *env {
	t.Helper()
	db := sqldbtest.OpenSQLite(t, store.MigrationsFor(sqldb.SQLite))
	st := store.New(db, sqldb.UTCNow)
	svc := ats.NewService(st)
	ctx := systemCtx()
	if err := svc.EnsureDefaultTemplate(ctx); err != nil {
		t.Fatalf("EnsureDefaultTemplate: %v", err)
	}
	if _, err := svc.EnsureSystemPool(ctx, ats.LinkedInPoolName); err != nil {
		t.Fatalf("EnsureSystemPool: %v", err)
	}
	// The server starts before its handler exists: a started integration
	// needs the public URL.
	var h atomic.Pointer[http.Handler]
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { (*h.Load()).ServeHTTP(w, r) }))
	t.Cleanup(ts.Close)
	var apiLinkedIn api.LinkedIn
	if cfg.startLinkedIn != nil {
		l := cfg.startLinkedIn(db, st, ts.URL)
		cfg.linkedin, apiLinkedIn = l, l
	}
	if cfg.options.LinkedInPlatformURL == "" {
		cfg.options.LinkedInPlatformURL, cfg.options.LinkedInAuthURL = "http://127.0.0.1:8090", "http://127.0.0.1:8090"
	}
	logger := slog.New(slog.DiscardHandler)
	sessions := session.NewManager(st.Sessions(), false)
	if cfg.options.Signins == nil {
		cfg.options.Signins = session.NewSigninLimiter(nil)
	}
	apiSrv := api.NewServer(svc, sessions, st, apiLinkedIn, cfg.options.Signins, logger)
	webSrv, err := web.NewServer(svc, sessions, cfg.linkedin, logger, cfg.options)
	if err != nil {
		t.Fatalf("web.NewServer: %v", err)
	}
	mux := http.NewServeMux()
	apiSrv.Routes(mux)
	webSrv.Routes(mux)
	handler := apiSrv.Middleware(mux)
	h.Store(&handler)
	return &env{url: ts.URL, svc: svc, store: st}
}

// systemCtx acts as the operator, for bootstrapping data.
func systemCtx() context.Context {
	return ats.NewContextWithUser(context.Background(), &ats.SystemUser)
}

// as acts as u, for arranging data through the service.
func as(u *ats.User) context.Context {
	return ats.NewContextWithUser(context.Background(), u)
}

// mustUser creates a user with role and a unique email; their password is
// testPassword.
func (e *env) mustUser(t testing.TB, role ats.Role, name string) *ats.User {
	t.Helper()
	n := e.users.Add(1)
	u, err := e.svc.CreateUser(systemCtx(), ats.UserInput{Email: fmt.Sprintf("%s%d@example.com", role, n),
		Name: name, Role: role, Password: testPassword})
	if err != nil {
		t.Fatalf("CreateUser: %v", err)
	}
	return u
}

// client is a browser-like HTTP client with its own cookie jar. It does
// not follow redirects, so tests see each 303 of post/redirect/get.
type client struct {
	e    *env
	http *http.Client
}

// anonymous returns a client that has not signed in.
func (e *env) anonymous(t testing.TB) *client {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &client{e: e, http: &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// signIn returns a client signed in as u through the sign-in form.
func (e *env) signIn(t testing.TB, u *ats.User) *client {
	t.Helper()
	c := e.anonymous(t)
	resp := c.post(t, "/signin", url.Values{"email": {u.Email}, "password": {testPassword}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in as %s: status %d", u.Email, resp.StatusCode)
	}
	return c
}

// get fetches path and parses the page.
func (c *client) get(t testing.TB, path string) (*http.Response, *doc) {
	t.Helper()
	resp, err := c.http.Get(c.e.url + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	return resp, readDoc(t, resp)
}

// page fetches path, requires a 200 and returns the parsed page.
func (c *client) page(t testing.TB, path string) *doc {
	t.Helper()
	resp, d := c.get(t, path)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: status %d, page %q", path, resp.StatusCode, d.text("main"))
	}
	return d
}

// post submits a form to path as a same-origin browser would.
func (c *client) post(t testing.TB, path string, form url.Values) *http.Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, c.e.url+path, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", c.e.url)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := c.http.Do(req)
	if err != nil {
		t.Fatalf("POST %s: %v", path, err)
	}
	return resp
}

// submit posts a form and requires the post/redirect/get answer; it
// returns the page redirected to.
func (c *client) submit(t testing.TB, path string, form url.Values) *doc {
	t.Helper()
	resp := c.post(t, path, form)
	if resp.StatusCode != http.StatusSeeOther {
		d := readDoc(t, resp)
		t.Fatalf("POST %s: status %d, want 303; page says %q", path, resp.StatusCode, d.text("main"))
	}
	resp.Body.Close()
	return c.page(t, resp.Header.Get("Location"))
}

// doc is a parsed page, queried with CSS selectors.
type doc struct {
	root *html.Node
	raw  string
}

// readAll reads and closes resp's body.
func readAll(resp *http.Response) ([]byte, error) {
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// readDoc parses resp's body and closes it.
func readDoc(t testing.TB, resp *http.Response) *doc {
	t.Helper()
	b, err := readAll(resp)
	if err != nil {
		t.Fatal(err)
	}
	root, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("parse page: %v", err)
	}
	return &doc{root: root, raw: string(b)}
}

// all returns the nodes matching sel; a bad selector fails the test run.
func (d *doc) all(sel string) []*html.Node {
	return cascadia.MustCompile(sel).MatchAll(d.root)
}

// count is the number of nodes matching sel.
func (d *doc) count(sel string) int { return len(d.all(sel)) }

// text is the text of the first node matching sel, spaces collapsed; ""
// when nothing matches.
func (d *doc) text(sel string) string {
	n := cascadia.MustCompile(sel).MatchFirst(d.root)
	if n == nil {
		return ""
	}
	return textOf(n)
}

// texts are the texts of every node matching sel.
func (d *doc) texts(sel string) []string {
	var out []string
	for _, n := range d.all(sel) {
		out = append(out, textOf(n))
	}
	return out
}

// attr is attribute name of the first node matching sel.
func (d *doc) attr(sel, name string) string {
	n := cascadia.MustCompile(sel).MatchFirst(d.root)
	if n == nil {
		return ""
	}
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

// textOf is a node's text content with runs of white space collapsed.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// browser starts Chromium at the given width and signs u in through the
// sign-in page.
func (e *env) browser(t testing.TB, u *ats.User, width int) context.Context {
	t.Helper()
	ctx := browsertest.New(t, width, 900)
	err := chromedp.Do(ctx,
		chromedp.Navigate(e.url+"/signin"),
		chromedp.SendKeys(chromedp.CSS("#f-email"), u.Email),
		chromedp.SendKeys(chromedp.CSS("#f-password"), testPassword),
		chromedp.Click(chromedp.CSS("form[action='/signin'] button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("header.site nav")))
	if err != nil {
		t.Fatalf("sign in %s in the browser: %v", u.Email, err)
	}
	return ctx
}

// fitsWidth fails the test when the page in ctx is wider than a window
// of width px, i.e. scrolls sideways.
func fitsWidth(t testing.TB, ctx context.Context, width int) {
	t.Helper()
	got, err := chromedp.Run(ctx, chromedp.Evaluate[int]("document.documentElement.scrollWidth"))
	if err != nil {
		t.Fatalf("measure the page's width: %v", err)
	}
	if got > width {
		t.Errorf("page is %d px wide at a %d px window: it scrolls sideways", got, width)
	}
}
