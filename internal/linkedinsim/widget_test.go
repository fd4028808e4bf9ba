package linkedinsim_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"attractor/internal/linkedinsim"
)

// widgetURL is the widget page for app on the registered origin.
func widgetURL(apiKey, origin, contract string) string {
	q := url.Values{"api_key": {apiKey}, "origin": {origin},
		"types": {"RECRUITER_SYSTEM_CONNECT_COMPANY,RECRUITER_SYSTEM_CONNECT_CONTRACT"}}
	if contract != "" {
		q.Set("contract", contract)
	}
	return "/xdoor/widget/onboarding?" + q.Encode()
}

// TestWidgetPage checks the widget's server side without a browser: the
// refusals, the framing policy, the steps and the request handoff.
func TestWidgetPage(t *testing.T) {
	e := setup(t)
	w, admin := worldAdmin(t, e)
	app := oauthApp(t, e) // valid SDK domain http://localhost:8080
	key, origin := app.Credentials.ClientID, "http://localhost:8080"
	b := newBrowser(t, e)

	t.Run("Refusals", func(t *testing.T) {
		for _, tc := range []struct {
			name, key, origin, want string
			status                  int
		}{
			{"UnregisteredOrigin", key, "https://evil.example", "Unauthorized domain", 403},
			{"OtherPort", key, "http://localhost:8081", "Unauthorized domain", 403},
			{"NoOrigin", key, "", "Unauthorized domain", 403},
			{"NullOrigin", key, "null", "Unauthorized domain", 403},
			{"UnknownKey", "nobody", origin, "Invalid API key", 400},
			{"ParentKey", linkedinsim.DefaultPartnerClientID, origin, "Invalid API key", 400},
		} {
			t.Run(tc.name, func(t *testing.T) {
				resp, body := b.do("GET", widgetURL(tc.key, tc.origin, ""), nil, nil)
				if resp.StatusCode != tc.status || !strings.Contains(body, `id="refusal"`) || !strings.Contains(body, tc.want) ||
					strings.Contains(body, `id="widget-signin"`) {
					t.Errorf("= %d\n%s", resp.StatusCode, body)
				}
			})
		}
	})
	t.Run("SignInStep", func(t *testing.T) {
		resp, body := b.do("GET", widgetURL(key, "HTTP://LOCALHOST:8080/", ""), nil, nil)
		csp := resp.Header.Get("Content-Security-Policy")
		if resp.StatusCode != 200 || !strings.Contains(body, `data-step="signin"`) ||
			!strings.Contains(csp, "frame-ancestors http://localhost:8080") || resp.Header.Get("X-Frame-Options") != "" {
			t.Errorf("= %d CSP %q\n%s", resp.StatusCode, csp, body)
		}
	})
	t.Run("ErrWrongPassword", func(t *testing.T) {
		form := url.Values{"api_key": {key}, "origin": {origin}, "session_key": {admin.Email}, "session_password": {"x"}}
		resp, body := b.do("POST", "/xdoor/widget/onboarding/signin", form, nil)
		if resp.StatusCode != 401 || !strings.Contains(body, `id="error"`) || len(resp.Cookies()) != 0 {
			t.Errorf("= %d\n%s", resp.StatusCode, body)
		}
	})
	t.Run("ErrCrossOriginRequest", func(t *testing.T) {
		form := url.Values{"api_key": {key}, "origin": {origin}, "contract": {contract1},
			"bundle": {string(linkedinsim.BundleCompany)}}
		resp, _ := b.do("POST", "/xdoor/widget/onboarding/request", form, map[string]string{"Sec-Fetch-Site": "cross-site"})
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("cross-site request = %d", resp.StatusCode)
		}
	})
	t.Run("Flow", func(t *testing.T) {
		form := url.Values{"api_key": {key}, "origin": {origin}, "types": {"RECRUITER_SYSTEM_CONNECT_COMPANY,RECRUITER_SYSTEM_CONNECT_CONTRACT"},
			"session_key": {admin.Email}, "session_password": {w.SeatPassword}}
		resp, _ := b.do("POST", "/xdoor/widget/onboarding/signin", form, nil)
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("sign in = %d", resp.StatusCode)
		}
		_, body := b.do("GET", resp.Header.Get("Location"), nil, nil)
		if !strings.Contains(body, `data-step="choose"`) || !strings.Contains(body, contract1) || !strings.Contains(body, contract2) {
			t.Fatalf("want the contract picker:\n%s", body)
		}
		_, body = b.do("GET", widgetURL(key, origin, contract2), nil, nil)
		if !strings.Contains(body, `data-step="bundles"`) || strings.Count(body, `data-state="REQUEST"`) != 2 ||
			!strings.Contains(body, `id="change-contract"`) {
			t.Fatalf("want both bundles to request:\n%s", body)
		}
		req := url.Values{"api_key": {key}, "origin": {origin}, "types": form["types"], "contract": {contract2},
			"bundle": {string(linkedinsim.BundleContract)}}
		resp, body = b.do("POST", "/xdoor/widget/onboarding/request", req, nil)
		if resp.StatusCode != 200 || !strings.Contains(body, `id="li-integrate"`) ||
			!strings.Contains(body, `&#34;contract&#34;:&#34;`+contract2) || !strings.Contains(body, `CSA_API`) ||
			strings.Count(body, `data-state="NOTIFY_PARTNER"`) != 2 {
			t.Errorf("request = %d\n%s", resp.StatusCode, body)
		}
		// Not an admin of this contract: back to the picker with a message.
		_, body = b.do("GET", widgetURL(key, origin, "urn:li:contract:5003"), nil, nil)
		if !strings.Contains(body, `data-step="choose"`) || !strings.Contains(body, `id="error"`) {
			t.Errorf("foreign contract:\n%s", body)
		}
	})
	t.Run("NonAdmin", func(t *testing.T) {
		var plain string
		for _, o := range w.Organizations {
			for _, c := range o.Contracts {
				for _, s := range c.Seats {
					if s.URN == plainSeat {
						plain = s.Member.Email
					}
				}
			}
		}
		nb := newBrowser(t, e)
		nb.signIn(plain, w.SeatPassword)
		if _, body := nb.do("GET", widgetURL(key, origin, ""), nil, nil); !strings.Contains(body, `id="not-admin"`) {
			t.Errorf("plain seat holder:\n%s", body)
		}
	})
	t.Run("Loader", func(t *testing.T) {
		resp, body := b.do("GET", "/xdoor/scripts/in.js", nil, nil)
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/javascript") ||
			!strings.Contains(body, "data-onintegrate") {
			t.Errorf("in.js = %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		if resp, _ := b.do("GET", "/xdoor/static/000000000000/widget.js", nil, nil); resp.StatusCode != 404 {
			t.Errorf("stale asset hash = %d, want 404", resp.StatusCode)
		}
	})
}
