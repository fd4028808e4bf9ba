package linkedinsim

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"

	"attractor/internal/linkedinsim/web"
)

// sessionCookie is the simulator's session cookie, named after LinkedIn's.
const sessionCookie = "li_at"

// maxFormBody caps the simulator's HTML form bodies.
const maxFormBody = 64 << 10

// pageNames are the page templates in web/templates; each defines "page"
// and is rendered through "layout".
var pageNames = []string{"signin", "authorize", "error", "widget", "refused"}

// assets are the static files with their content hashes, and pages the
// parsed templates: both built once at start-up from the embedded files.
var (
	assets = hashAssets()
	pages  = parsePages()
)

// hashAssets maps each static file name to the first 12 hex digits of
// its SHA-256, the version in its URL.
func hashAssets() map[string]string {
	out := map[string]string{}
	entries, err := fs.ReadDir(web.FS, "static")
	if err != nil {
		panic(err) // the embedded directory always exists
	}
	for _, e := range entries {
		b, err := fs.ReadFile(web.FS, "static/"+e.Name())
		if err != nil {
			panic(err)
		}
		sum := sha256.Sum256(b)
		out[e.Name()] = hex.EncodeToString(sum[:6])
	}
	return out
}

// assetURL is the content-hashed URL of a static file, cacheable forever.
func assetURL(name string) string {
	hash, ok := assets[name]
	if !ok {
		panic("linkedinsim: no static file " + name)
	}
	return "/xdoor/static/" + hash + "/" + name
}

func parsePages() map[string]*template.Template {
	base := template.Must(template.New("layout.html").Funcs(template.FuncMap{"asset": assetURL}).
		ParseFS(web.FS, "templates/layout.html"))
	out := make(map[string]*template.Template, len(pageNames))
	for _, name := range pageNames {
		t := template.Must(base.Clone())
		out[name] = template.Must(t.ParseFS(web.FS, "templates/"+name+".html"))
	}
	return out
}

// pageMeta is what the layout needs of every page. EmbedOrigin is set
// only on widget pages: the verified origin of the page embedding them.
type pageMeta struct {
	Title       string
	EmbedOrigin string
}

// signInView is the standalone sign-in page.
type signInView struct {
	Meta     pageMeta
	Member   *Member // set when already signed in
	Email    string
	Error    string
	Redirect string // a local path to return to
}

// authorizeView is the 3-legged consent page.
type authorizeView struct {
	Meta         pageMeta
	AppName      string
	Member       *Member
	Scopes       []scopeView
	ClientID     string
	RedirectURI  string
	RedirectHost string
	State        string
	Scope        string
}

type scopeView struct{ Name, Description string }

// scopeDescriptions tell the member what a scope lets the app do.
var scopeDescriptions = map[string]string{
	"r_liteprofile":  "Use your name and photo",
	"r_basicprofile": "Use your basic profile including your name, photo, headline and current positions",
	"r_emailaddress": "Use the primary email address associated with your LinkedIn account",
	"openid":         "Use your name and photo to sign you in",
	"profile":        "Use your name and photo",
	"email":          "Use the primary email address associated with your LinkedIn account",
}

// errorView is the HTML error page.
type errorView struct {
	Meta    pageMeta
	Message string
}

// pageFunc is an HTML handler: it renders, or returns an error for the
// page adapter to render.
type pageFunc func(w http.ResponseWriter, r *http.Request) error

// page adapts a pageFunc: an error becomes the HTML error page with the
// status of its code, and 5xx are logged once here.
func (s *Server) page(h pageFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, maxFormBody)
		if err := h(w, r); err != nil {
			status := statusOf(ErrorCode(err))
			s.logFailure(r, status, err)
			s.renderError(w, status, ErrorMessage(err))
		}
	})
}

// formGuard refuses cross-origin form posts (Sec-Fetch-Site / Origin
// checks of http.CrossOriginProtection) with the HTML error page.
func (s *Server) formGuard() *http.CrossOriginProtection {
	guard := http.NewCrossOriginProtection()
	guard.SetDenyHandler(s.page(func(http.ResponseWriter, *http.Request) error {
		return Errorf(EFORBIDDEN, "This form was submitted from another site, so it was refused.")
	}))
	return guard
}

func (s *Server) renderError(w http.ResponseWriter, status int, msg string) {
	setPageHeaders(w, "'none'")
	title := http.StatusText(status)
	if title == "" {
		title = "Error"
	}
	s.render(w, status, "error", errorView{Meta: pageMeta{Title: title}, Message: msg})
}

// render executes a page into a buffer first, so a template failure is a
// clean 500 and never half a page.
func (s *Server) render(w http.ResponseWriter, status int, name string, view any) {
	var buf bytes.Buffer
	if err := pages[name].ExecuteTemplate(&buf, "layout", view); err != nil {
		s.logger.Error("render page", "page", name, "err", err)
		http.Error(w, "Internal server error.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes()) //nolint:errcheck // the client went away
}

// setPageHeaders sets the security headers of an HTML page. frameAncestors
// is the CSP frame-ancestors source list: "'none'" for pages that must
// never be framed (sign-in, consent), the verified embedding origin for
// widget pages. formTargets are origins forms may post or redirect to
// besides the simulator itself.
func setPageHeaders(w http.ResponseWriter, frameAncestors string, formTargets ...string) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "+
		"base-uri 'none'; form-action 'self'"+strings.Join(append([]string{""}, formTargets...), " ")+
		"; frame-ancestors "+frameAncestors)
	if frameAncestors == "'none'" {
		h.Set("X-Frame-Options", "DENY")
	}
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
	h.Set("Cache-Control", "no-store")
}

// signedIn returns the member of the request's session, or nil.
func (s *Server) signedIn(r *http.Request) (*Member, error) {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return nil, nil //nolint:nilnil // no cookie: not signed in
	}
	m, err := s.svc.SessionMember(r.Context(), c.Value)
	if ErrorCode(err) == EUNAUTHORIZED {
		return nil, nil //nolint:nilnil // unknown or expired session: not signed in
	}
	return m, err
}

// setSessionCookie stores the session value; an empty value clears it.
// Over TLS the cookie is SameSite=None; Secure, so the widget's iframe on
// an ATS of another site still sees it; over plain HTTP (local runs,
// tests, where ATS and simulator share a host and so a site) browsers
// refuse None without Secure, and Lax suffices.
func setSessionCookie(w http.ResponseWriter, r *http.Request, value string) {
	c := &http.Cookie{Name: sessionCookie, Value: value, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, MaxAge: int(SessionTTL.Seconds())}
	if value == "" {
		c.MaxAge = -1
	}
	if r.TLS != nil {
		c.Secure, c.SameSite = true, http.SameSiteNoneMode
	}
	http.SetCookie(w, c)
}

// localRedirect returns target when it is a path on this server, else "".
func localRedirect(target string) string {
	if !strings.HasPrefix(target, "/") || strings.HasPrefix(target, "//") || strings.HasPrefix(target, "/\\") {
		return ""
	}
	u, err := url.Parse(target)
	if err != nil || u.Scheme != "" || u.Host != "" {
		return ""
	}
	return target
}

// handleSignInShow renders GET /login: the sign-in form, or who is signed
// in.
func (s *Server) handleSignInShow(w http.ResponseWriter, r *http.Request) error {
	m, err := s.signedIn(r)
	if err != nil {
		return err
	}
	setPageHeaders(w, "'none'")
	s.render(w, http.StatusOK, "signin", signInView{Meta: pageMeta{Title: "Sign in"}, Member: m,
		Redirect: localRedirect(r.URL.Query().Get("session_redirect"))})
	return nil
}

// handleSignIn handles POST /checkpoint/lg/login-submit (LinkedIn's form
// fields session_key, session_password, session_redirect).
func (s *Server) handleSignIn(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return Errorf(EINVALID, "The sign-in form could not be read.")
	}
	redirect := localRedirect(r.PostForm.Get("session_redirect"))
	email := r.PostForm.Get("session_key")
	_, token, err := s.svc.SignIn(r.Context(), email, r.PostForm.Get("session_password"))
	if ErrorCode(err) == EUNAUTHORIZED {
		setPageHeaders(w, "'none'")
		s.render(w, http.StatusUnauthorized, "signin", signInView{Meta: pageMeta{Title: "Sign in"},
			Email: email, Error: ErrorMessage(err), Redirect: redirect})
		return nil
	} else if err != nil {
		return err
	}
	setSessionCookie(w, r, token)
	if redirect == "" {
		redirect = "/login"
	}
	http.Redirect(w, r, redirect, http.StatusSeeOther)
	return nil
}

// handleSignOut handles POST /m/logout.
func (s *Server) handleSignOut(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return Errorf(EINVALID, "The sign-out form could not be read.")
	}
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := s.svc.SignOut(r.Context(), c.Value); err != nil {
			return err
		}
	}
	setSessionCookie(w, r, "")
	target := "/login"
	if redirect := localRedirect(r.PostForm.Get("session_redirect")); redirect != "" {
		target += "?session_redirect=" + url.QueryEscape(redirect)
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
	return nil
}

// authorization validates an authorization request from values (the
// query of the GET, the form of the POST). When the error may go to the
// redirect_uri it redirects there and returns handled == true.
func (s *Server) authorization(w http.ResponseWriter, r *http.Request, v url.Values) (*AuthorizationRequest, bool, error) {
	req, err := s.svc.CheckAuthorization(r.Context(), v.Get("client_id"), v.Get("redirect_uri"),
		v.Get("response_type"), v.Get("state"), v.Get("scope"))
	var ae *AuthorizeError
	switch {
	case err == nil:
		return req, false, nil
	case asAuthorizeError(err, &ae) && ae.Redirect:
		redirectWith(w, r, req.RedirectURI, url.Values{"error": {ae.Code},
			"error_description": {ae.Err.Message}, "state": {req.State}})
		return nil, true, nil
	}
	return nil, false, err
}

func asAuthorizeError(err error, target **AuthorizeError) bool {
	ae, ok := err.(*AuthorizeError)
	*target = ae
	return ok
}

// redirectWith sends the browser to uri with params added to its query
// (empty values left out), as RFC 6749 §4.1.2 describes.
func redirectWith(w http.ResponseWriter, r *http.Request, uri string, params url.Values) {
	u, _ := url.Parse(uri) // validated by CheckAuthorization
	q := u.Query()
	for k, vs := range params {
		if len(vs) > 0 && vs[0] != "" {
			q.Set(k, vs[0])
		}
	}
	u.RawQuery = q.Encode()
	w.Header().Set("Cache-Control", "no-store")
	http.Redirect(w, r, u.String(), http.StatusFound)
}

// handleAuthorizationShow handles GET /oauth/v2/authorization: a broken
// request is an error page or a redirect with error=; a member not signed
// in is sent to sign in first; a signed-in member sees the consent page.
func (s *Server) handleAuthorizationShow(w http.ResponseWriter, r *http.Request) error {
	req, handled, err := s.authorization(w, r, r.URL.Query())
	if err != nil || handled {
		return err
	}
	m, err := s.signedIn(r)
	if err != nil {
		return err
	}
	if m == nil {
		http.Redirect(w, r, "/login?session_redirect="+url.QueryEscape(r.URL.RequestURI()), http.StatusFound)
		return nil
	}
	u, _ := url.Parse(req.RedirectURI)
	view := authorizeView{Meta: pageMeta{Title: "Authorize " + req.App.Name}, AppName: req.App.Name,
		Member: m, ClientID: req.App.ClientID, RedirectURI: req.RedirectURI, RedirectHost: u.Host,
		State: req.State, Scope: strings.Join(req.Scopes, " ")}
	for _, sc := range req.Scopes {
		view.Scopes = append(view.Scopes, scopeView{Name: sc, Description: scopeDescriptions[sc]})
	}
	setPageHeaders(w, "'none'", u.Scheme+"://"+u.Host)
	s.render(w, http.StatusOK, "authorize", view)
	return nil
}

// handleAuthorizationDecide handles the consent form: Allow redirects
// with code and state, Cancel with error=user_cancelled_authorize.
func (s *Server) handleAuthorizationDecide(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return Errorf(EINVALID, "The authorization form could not be read.")
	}
	req, handled, err := s.authorization(w, r, r.PostForm)
	if err != nil || handled {
		return err
	}
	m, err := s.signedIn(r)
	if err != nil {
		return err
	}
	if m == nil {
		return Errorf(EUNAUTHORIZED, "Your session has ended. Start the sign-in from the application again.")
	}
	if r.PostForm.Get("action") != "allow" {
		redirectWith(w, r, req.RedirectURI, url.Values{"error": {"user_cancelled_authorize"},
			"error_description": {"The user cancelled the authorization"}, "state": {req.State}})
		return nil
	}
	code, err := s.svc.ApproveAuthorization(r.Context(), req, m)
	if err != nil {
		return err
	}
	redirectWith(w, r, req.RedirectURI, url.Values{"code": {code}, "state": {req.State}})
	return nil
}

// issueMemberToken is the authorization_code grant of POST
// /oauth/v2/accessToken (RFC 6749 §4.1.3).
func (s *Server) issueMemberToken(ctx context.Context, f url.Values) (tokenResponse, error) {
	for _, p := range []string{"code", "redirect_uri"} {
		if f.Get(p) == "" {
			return tokenResponse{}, invalidRequest("A required parameter \"" + p + "\" is missing")
		}
	}
	token, t, err := s.svc.ExchangeCode(ctx, f.Get("client_id"), f.Get("client_secret"), f.Get("code"), f.Get("redirect_uri"))
	switch {
	case err == nil:
	case ErrorCode(err) == EUNAUTHORIZED:
		return tokenResponse{}, &oauthError{http.StatusUnauthorized, "invalid_client", "Client authentication failed"}
	case ErrorCode(err) == EINVALID:
		return tokenResponse{}, &oauthError{http.StatusBadRequest, "invalid_grant", ErrorMessage(err)}
	default:
		return tokenResponse{}, err
	}
	return tokenResponse{AccessToken: token, ExpiresIn: int(MemberTokenTTL.Seconds()), Scope: t.Scope}, nil
}

// handleMe implements GET /v2/me with a member token: the lite profile,
// projected by fields= (rsc-api.md §3.18).
func (s *Server) handleMe(w http.ResponseWriter, r *http.Request) error {
	token, ok := bearer(r)
	if !ok {
		return &Error{Code: EUNAUTHORIZED, Message: "Empty oauth2 access token"}
	}
	me, err := s.svc.AuthenticateMember(r.Context(), token)
	if err != nil {
		return err
	}
	all := map[string]string{"id": me.ID, "localizedFirstName": me.LocalizedFirstName,
		"localizedLastName": me.LocalizedLastName}
	out := all
	if fields := r.URL.Query().Get("fields"); fields != "" {
		out = map[string]string{}
		for f := range strings.SplitSeq(fields, ",") {
			if v, ok := all[strings.TrimSpace(f)]; ok {
				out[strings.TrimSpace(f)] = v
			}
		}
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// handleStatic serves /xdoor/static/{hash}/{name}; a stale hash is 404,
// so a cached page never mixes old and new assets.
func handleStatic(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	if hash, ok := assets[name]; !ok || hash != r.PathValue("hash") {
		http.NotFound(w, r)
		return
	}
	serveAsset(w, r, name, "public, max-age=31536000, immutable")
}

// handleLoader serves the JavaScript SDK loader at LinkedIn's fixed path,
// so it can only be cached briefly.
func handleLoader(w http.ResponseWriter, r *http.Request) {
	serveAsset(w, r, "in.js", "public, max-age=300")
}

func serveAsset(w http.ResponseWriter, r *http.Request, name, cache string) {
	b, err := fs.ReadFile(web.FS, "static/"+name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	ctype := map[string]string{".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}[path.Ext(name)]
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", cache)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cross-Origin-Resource-Policy", "cross-origin")
	w.Write(b) //nolint:errcheck // the client went away
}
