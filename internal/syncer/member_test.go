package syncer

import (
	"context"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"time"

	"attractor/internal/ats"
	"attractor/internal/linkedinsim"
	"attractor/internal/sqldb"
)

// liBrowser plays a member's browser on linkedinsim: it keeps the session
// cookie and stops at redirects, so the test reads where LinkedIn sends
// the member back.
type liBrowser struct {
	e  *liEnv
	hc *http.Client
}

func (e *liEnv) browser(seat int64) *liBrowser {
	e.t.Helper()
	jar, _ := cookiejar.New(nil)
	b := &liBrowser{e: e, hc: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	resp := b.post("/checkpoint/lg/login-submit", url.Values{"session_key": {e.member(seat).Email},
		"session_password": {linkedinsim.SeatPassword(1)}})
	if resp.StatusCode != http.StatusSeeOther {
		e.t.Fatalf("sign in = %d", resp.StatusCode)
	}
	return b
}

func (b *liBrowser) post(path string, form url.Values) *http.Response {
	b.e.t.Helper()
	resp, err := b.hc.Post(b.e.simURL+path, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	if err != nil {
		b.e.t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}

// approve opens authURL (the consent page) and clicks Allow; it returns
// the redirect's code and state.
func (b *liBrowser) approve(authURL string) (code, state string) {
	t := b.e.t
	t.Helper()
	resp, err := b.hc.Get(authURL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("consent page = %d", resp.StatusCode)
	}
	u, _ := url.Parse(authURL)
	form := u.Query()
	form.Set("action", "allow")
	resp = b.post("/oauth/v2/authorization", form)
	loc, err := url.Parse(resp.Header.Get("Location"))
	if err != nil || resp.StatusCode != http.StatusFound || !strings.HasPrefix(loc.String(), b.e.atsURL+MemberCallbackPath+"?") {
		t.Fatalf("allow = %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	return loc.Query().Get("code"), loc.Query().Get("state")
}

// TestMemberConnection runs the 3-legged flow: a recruiter connects their
// LinkedIn account, gets their person URN and, with contract-level access,
// their seat; a second user cannot take the same account; states are
// bound to their user.
func TestMemberConnection(t *testing.T) {
	t.Parallel()
	liEngines(t, func(t *testing.T, engine sqldb.Engine) {
		e := newLIEnv(t, engine, liOptions{fakeQueue: true})
		rec := e.as(ats.RoleRecruiter)
		if _, err := e.s.ConnectMember(rec); ats.ErrorCode(err) != ats.ECONFLICT {
			t.Errorf("ConnectMember before the instance is connected = %v, want conflict", err)
		}
		w := e.connectAndRequest()
		e.enable("contract")
		if _, err := e.s.Notify(e.admin); err != nil {
			t.Fatal(err)
		}

		authURL, err := e.s.ConnectMember(rec)
		if err != nil {
			t.Fatal(err)
		}
		u, _ := url.Parse(authURL)
		q := u.Query()
		if !strings.HasPrefix(authURL, e.simURL+"/oauth/v2/authorization?") || q.Get("client_id") != w.APIKey ||
			q.Get("redirect_uri") != e.atsURL+MemberCallbackPath || q.Get("scope") != "r_liteprofile" ||
			q.Get("response_type") != "code" || q.Get("state") == "" {
			t.Fatalf("authorization URL = %s", authURL)
		}
		member := e.member(90002)
		code, state := e.browser(90002).approve(authURL)

		other := e.as(ats.RoleHiringManager)
		if _, err := e.s.CompleteMember(other, code, state); ats.ErrorCode(err) != ats.EINVALID || ats.ErrorFields(err)["state"] == "" {
			t.Errorf("another user completing = %v, want invalid state", err)
		}
		if _, err := e.s.CompleteMember(rec, code, state+"x"); ats.ErrorCode(err) != ats.EINVALID {
			t.Errorf("altered state = %v, want invalid", err)
		}
		got, err := e.s.CompleteMember(rec, code, state)
		if err != nil {
			t.Fatal(err)
		}
		if got.PersonURN != member.PersonURN || got.SeatURN != "urn:li:seat:90002" {
			t.Errorf("connected user = %s / %s, want %s / urn:li:seat:90002", got.PersonURN, got.SeatURN, member.PersonURN)
		}
		if _, err := e.s.CompleteMember(rec, code, state); ats.ErrorCode(err) != ats.EINVALID || ats.ErrorFields(err)["code"] == "" {
			t.Errorf("a code used twice = %v, want invalid code", err)
		}

		// The same LinkedIn account cannot serve a second user.
		authURL, err = e.s.ConnectMember(other)
		if err != nil {
			t.Fatal(err)
		}
		code, state = e.browser(90002).approve(authURL)
		if _, err := e.s.CompleteMember(other, code, state); ats.ErrorCode(err) != ats.ECONFLICT {
			t.Errorf("second user with the same member = %v, want conflict", err)
		}

		if err := e.s.DisconnectMember(rec); err != nil {
			t.Fatal(err)
		}
		after, err := e.svc.FindUserByID(e.admin, got.ID)
		if err != nil || after.PersonURN != "" || after.SeatURN != "" {
			t.Errorf("after DisconnectMember: %+v, %v", after, err)
		}
	})
}

// TestMemberCompanyLevelHasNoSeat: without contract-level access there is
// no seat to map, only the person URN.
func TestMemberCompanyLevelHasNoSeat(t *testing.T) {
	t.Parallel()
	e := newLIEnv(t, sqldb.SQLite, liOptions{fakeQueue: true})
	w, err := e.s.Connect(e.admin)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.s.Request(e.admin, e.widgetRequest(w.APIKey, 90001, liOrg, liContract, linkedinsim.LevelCompany)); err != nil {
		t.Fatal(err)
	}
	rec := e.as(ats.RoleRecruiter)
	authURL, err := e.s.ConnectMember(rec)
	if err != nil {
		t.Fatal(err)
	}
	code, state := e.browser(90003).approve(authURL)
	got, err := e.s.CompleteMember(rec, code, state)
	if err != nil || got.PersonURN != e.member(90003).PersonURN || got.SeatURN != "" {
		t.Errorf("CompleteMember = %+v, %v; want the person URN and no seat", got, err)
	}
	if _, err := e.s.CompleteMember(rec, "", state); ats.ErrorCode(err) != ats.EINVALID {
		t.Errorf("no code = %v, want invalid", err)
	}
	if _, err := e.s.ConnectMember(context.Background()); ats.ErrorCode(err) != ats.EUNAUTHORIZED {
		t.Errorf("anonymous ConnectMember = %v, want unauthorized", err)
	}
}

func TestMemberState(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	state := signState("secret", "user-1", now.Add(memberStateTTL))
	tests := []struct {
		name, secret, state, user string
		at                        time.Time
		ok                        bool
	}{
		{"valid", "secret", state, "user-1", now, true},
		{"other user", "secret", state, "user-2", now, false},
		{"expired", "secret", state, "user-1", now.Add(memberStateTTL), false},
		{"other secret", "rotated", state, "user-1", now, false},
		{"empty", "secret", "", "user-1", now, false},
		{"garbage", "secret", "a.b.c", "user-1", now, false},
		{"unsigned", "secret", strings.Split(state, ".")[0] + ".", "user-1", now, false},
	}
	for _, tt := range tests {
		msg := checkState(tt.secret, tt.state, tt.user, tt.at)
		if (msg == "") != tt.ok {
			t.Errorf("%s: checkState = %q, want ok=%v", tt.name, msg, tt.ok)
		}
	}
	if signState("secret", "user-1", now) == signState("secret", "user-1", now) {
		t.Error("two states are equal; want a fresh nonce in each")
	}
}
