package linkedinsim

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
)

// widgetPath is the onboarding widget's page; the loader (in.js) points
// its iframes here.
const widgetPath = "/xdoor/widget/onboarding"

// The steps of the widget page.
const (
	stepSignIn  = "signin"  // no session: sign in
	stepNoAdmin = "noadmin" // signed in, but no active admin seat
	stepChoose  = "choose"  // admin on several contracts: choose one
	stepBundles = "bundles" // the RSC bundles of the chosen contract
)

// widgetParams are what the loader passes to the widget page and every
// form of it passes on: the app's client id, the embedding page's origin,
// the bundles the page supports and, once chosen, the contract.
type widgetParams struct {
	APIKey   string
	Origin   string
	Types    string
	Contract string
}

func readWidgetParams(v url.Values) widgetParams {
	return widgetParams{APIKey: v.Get("api_key"), Origin: v.Get("origin"), Types: v.Get("types"),
		Contract: v.Get("contract")}
}

// url returns the widget page's URL for p.
func (p widgetParams) url() string {
	v := url.Values{"api_key": {p.APIKey}, "origin": {p.Origin}, "types": {p.Types}}
	if p.Contract != "" {
		v.Set("contract", p.Contract)
	}
	return widgetPath + "?" + v.Encode()
}

// widgetView is the widget page in each of its steps.
type widgetView struct {
	Meta              pageMeta
	Params            widgetParams
	Step              string
	AppName           string
	Member            *Member
	Email             string
	Error             string
	Contracts         []contractView
	Contract          *contractView
	ChangeContractURL string
	Bundles           []bundleView
	Notice            string
	Handoff           string // JSON for the page's data-onintegrate callback
}

type contractView struct{ URN, Name, OrganizationName string }

// bundleView is one bundle's row: its button while the member can act,
// else its state.
type bundleView struct {
	Bundle      Bundle
	State       BundleState
	Title       string
	Description string
	Label       string
	Action      bool
}

// bundleTexts are the rows' titles and descriptions
// (recruiter-surfaces.md §A.0, §A.4).
var bundleTexts = map[Bundle][2]string{
	BundleCompany: {"Company-level access",
		"1-Click Export, the In-ATS indicator and the profile widget, for every contract in your company."},
	BundleContract: {"Contract-level access",
		"This contract's seats, InMail and note history and InMail stub profiles, for your ATS."},
}

// stateLabels are the button texts of the legacy row-per-product UI.
var stateLabels = map[BundleState]string{BundleRequest: "Request", BundleNotifyPartner: "Notify partner",
	BundlePartnerReady: "Partner ready", BundleEnabled: "Enabled"}

// widgetApp checks the app and the embedding origin. When they do not
// pass it renders the refusal, which any origin may frame so the customer
// sees why, and returns ok == false.
func (s *Server) widgetApp(w http.ResponseWriter, r *http.Request, p widgetParams) (*App, bool, error) {
	app, err := s.svc.WidgetApp(r.Context(), p.APIKey, p.Origin)
	if code := ErrorCode(err); code == EINVALID || code == EFORBIDDEN {
		setPageHeaders(w, "*")
		s.render(w, statusOf(code), "refused", errorView{Meta: pageMeta{Title: "Widget refused"},
			Message: ErrorMessage(err)})
		return nil, false, nil
	} else if err != nil {
		return nil, false, err
	}
	// Only the verified origin may frame the page; a page that lies about
	// its origin gets nothing, and messages go to the origin named here.
	setPageHeaders(w, strings.ToLower(strings.TrimSuffix(p.Origin, "/")))
	return app, true, nil
}

// newWidgetView starts a view of the widget for app.
func newWidgetView(app *App, p widgetParams) widgetView {
	return widgetView{Meta: pageMeta{Title: "Integrate " + app.Name, EmbedOrigin: strings.TrimSuffix(p.Origin, "/")},
		Params: p, AppName: app.Name}
}

// handleWidgetShow renders GET /xdoor/widget/onboarding.
func (s *Server) handleWidgetShow(w http.ResponseWriter, r *http.Request) error {
	p := readWidgetParams(r.URL.Query())
	app, ok, err := s.widgetApp(w, r, p)
	if !ok {
		return err
	}
	view := newWidgetView(app, p)
	if err := s.fillWidget(r, app, &view, ""); err != nil {
		return err
	}
	s.render(w, http.StatusOK, "widget", view)
	return nil
}

// fillWidget decides the widget's step for the signed-in member and fills
// the view for it. bundleNotice, when set, is shown under the bundles.
func (s *Server) fillWidget(r *http.Request, app *App, view *widgetView, bundleNotice string) error {
	m, err := s.signedIn(r)
	if err != nil || m == nil {
		view.Step = stepSignIn
		return err
	}
	view.Member = m
	seats, err := s.svc.AdminSeats(r.Context(), m.ID)
	if err != nil {
		return err
	}
	chosen, found := chooseSeat(seats, view.Params.Contract)
	switch {
	case len(seats) == 0:
		view.Step = stepNoAdmin
		return nil
	case !found:
		view.Step = stepChoose
		if view.Params.Contract != "" {
			view.Error = "You are not an admin of contract " + view.Params.Contract + ". Choose one of yours."
		}
		for _, seat := range seats {
			view.Contracts = append(view.Contracts, contractOf(seat))
		}
		return nil
	}
	view.Step, view.Notice = stepBundles, bundleNotice
	c := contractOf(chosen)
	view.Contract, view.Params.Contract = &c, c.URN
	if len(seats) > 1 {
		p := view.Params
		p.Contract = ""
		view.ChangeContractURL = p.url()
	}
	states, err := s.svc.WidgetBundles(r.Context(), app, chosen, ParseBundles(view.Params.Types))
	for _, b := range states {
		txt := bundleTexts[b.Bundle]
		view.Bundles = append(view.Bundles, bundleView{Bundle: b.Bundle, State: b.State, Title: txt[0],
			Description: txt[1], Label: stateLabels[b.State],
			Action: b.State == BundleRequest || b.State == BundleNotifyPartner})
	}
	return err
}

// chooseSeat picks the admin seat of contract, or the only one when no
// contract is named.
func chooseSeat(seats []MemberSeat, contract string) (MemberSeat, bool) {
	if contract == "" && len(seats) == 1 {
		return seats[0], true
	}
	for _, seat := range seats {
		if ContractURN(seat.ContractID) == contract {
			return seat, true
		}
	}
	return MemberSeat{}, false
}

func contractOf(seat MemberSeat) contractView {
	return contractView{URN: ContractURN(seat.ContractID), Name: seat.Contract.Name,
		OrganizationName: seat.OrganizationName}
}

// handleWidgetSignIn handles the widget's sign-in form: the session it
// opens is the simulator's one session, as LinkedIn's iframe shares the
// linkedin.com cookie.
func (s *Server) handleWidgetSignIn(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return Errorf(EINVALID, "The sign-in form could not be read.")
	}
	p := readWidgetParams(r.PostForm)
	app, ok, err := s.widgetApp(w, r, p)
	if !ok {
		return err
	}
	email := r.PostForm.Get("session_key")
	_, token, err := s.svc.SignIn(r.Context(), email, r.PostForm.Get("session_password"))
	if ErrorCode(err) == EUNAUTHORIZED {
		view := newWidgetView(app, p)
		view.Step, view.Email, view.Error = stepSignIn, email, ErrorMessage(err)
		s.render(w, http.StatusUnauthorized, "widget", view)
		return nil
	} else if err != nil {
		return err
	}
	setSessionCookie(w, r, token)
	http.Redirect(w, r, p.url(), http.StatusSeeOther)
	return nil
}

// handleWidgetSignOut ends the session and shows the widget's sign-in.
func (s *Server) handleWidgetSignOut(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return Errorf(EINVALID, "The sign-out form could not be read.")
	}
	p := readWidgetParams(r.PostForm)
	if _, ok, err := s.widgetApp(w, r, p); !ok {
		return err
	}
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := s.svc.SignOut(r.Context(), c.Value); err != nil {
			return err
		}
	}
	setSessionCookie(w, r, "")
	p.Contract = ""
	http.Redirect(w, r, p.url(), http.StatusSeeOther)
	return nil
}

// handleWidgetRequest handles Request and Notify partner: it records the
// request and renders the bundles with the handoff, which widget.js posts
// to the embedding page (targetOrigin = the verified origin).
func (s *Server) handleWidgetRequest(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return Errorf(EINVALID, "The request form could not be read.")
	}
	p := readWidgetParams(r.PostForm)
	app, ok, err := s.widgetApp(w, r, p)
	if !ok {
		return err
	}
	bundle := Bundle(r.PostForm.Get("bundle"))
	if bundle != BundleCompany && bundle != BundleContract {
		return Errorf(EINVALID, "Unknown bundle %q.", bundle)
	}
	m, err := s.signedIn(r)
	if err != nil {
		return err
	}
	seats := []MemberSeat(nil)
	if m != nil {
		if seats, err = s.svc.AdminSeats(r.Context(), m.ID); err != nil {
			return err
		}
	}
	seat, found := chooseSeat(seats, p.Contract)
	if m == nil || !found {
		http.Redirect(w, r, p.url(), http.StatusSeeOther) // signed out or lost the seat meanwhile
		return nil
	}
	handoff, err := s.svc.RequestBundle(r.Context(), app, m, seat, bundle)
	if err != nil {
		return err
	}
	payload, err := json.Marshal(handoff)
	if err != nil {
		return err
	}
	view := newWidgetView(app, p)
	view.Handoff = string(payload)
	if err := s.fillWidget(r, app, &view, bundleTexts[bundle][0]+" requested. "+app.Name+" has been notified."); err != nil {
		return err
	}
	s.render(w, http.StatusOK, "widget", view)
	return nil
}
