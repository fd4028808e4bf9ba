package linkedinsim_test

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"attractor/internal/browsertest"
	"attractor/internal/linkedinsim"
)

// hostPage is a tiny ATS admin page embedding the onboarding widget the
// way LinkedIn's sample does; its data-onintegrate callback writes the
// request into #result.
func hostPage(sim, apiKey string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html>
<html lang="en"><head><title>ATS settings</title></head>
<body>
<h1>Connect LinkedIn Recruiter</h1>
<pre id="result"></pre>
<script>
function integrationRequest(req) {
  var out = document.getElementById("result");
  out.textContent = JSON.stringify(req);
  out.setAttribute("data-calls", String(Number(out.getAttribute("data-calls") || 0) + 1));
}
</script>
<script src="%[1]s/xdoor/scripts/in.js">
  api_key: %[2]s
  extensions: ATSIntegrationWidget@%[1]s/xdoor/widget/onboarding
</script>
<script type="IN/ATSIntegrationWidget"
  data-supported-bundled-integration-types="RECRUITER_SYSTEM_CONNECT_COMPANY,RECRUITER_SYSTEM_CONNECT_CONTRACT,APPLY_WITH_LINKEDIN"
  data-onintegrate="integrationRequest" data-width="560"></script>
</body></html>`, html.EscapeString(sim), html.EscapeString(apiKey))
	})
}

// inWidget runs actions against the widget's document: it looks the
// iframe up afresh, since every form post inside it loads a new document.
func inWidget(t *testing.T, ctx context.Context, steps func(frame chromedp.QueryOption) []chromedp.Action[chromedp.Void]) {
	t.Helper()
	frames, err := chromedp.Run(ctx, chromedp.Nodes(chromedp.CSS("iframe[data-in-widget-frame]")))
	if err != nil {
		t.Fatalf("find the widget iframe: %v", err)
	}
	if err := chromedp.Do(ctx, steps(chromedp.FromNode(frames[0]))...); err != nil {
		t.Fatal(err)
	}
}

// submitInWidget clicks sel in the widget and waits until the widget's
// frame has loaded the answer.
func submitInWidget(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	frames, err := chromedp.Run(ctx, chromedp.Nodes(chromedp.CSS("iframe[data-in-widget-frame]")))
	if err != nil {
		t.Fatal(err)
	}
	child := func(ev page.EventFrameNavigated) bool { return ev.Frame.ParentID != "" }
	_, err = chromedp.Run(ctx, chromedp.WaitEvent(page.FrameNavigated, child,
		chromedp.Click(chromedp.CSS(sel), chromedp.FromNode(frames[0]))))
	if err != nil {
		t.Fatalf("submit %s: %v", sel, err)
	}
}

// TestWidgetInBrowser drives the onboarding widget in Chromium: a host
// page on a registered origin loads in.js, the widget signs the admin in,
// the admin picks a contract and requests company-level access, and the
// page's data-onintegrate callback receives the organization and
// contract. A host on an unregistered origin gets the refusal.
func TestWidgetInBrowser(t *testing.T) {
	ctx := browsertest.New(t, 1000, 900)
	e := setup(t)
	w, admin := worldAdmin(t, e)

	host := httptest.NewServer(nil)
	t.Cleanup(host.Close)
	stranger := httptest.NewServer(nil)
	t.Cleanup(stranger.Close)
	parent := e.token(t, linkedinsim.DefaultPartnerClientID, linkedinsim.DefaultPartnerClientSecret)
	var app provisioned
	body := `{"uniqueForeignId":"browser","name":"Attractor - Browser","description":"widget test",
		"validJsSdkDomains":["` + host.URL + `"]}`
	if resp := e.call(t, "POST", appsPath, parent, "application/json", body, nil, &app); resp.StatusCode != 201 {
		t.Fatalf("provision = %d", resp.StatusCode)
	}
	host.Config.Handler = hostPage(e.srv.URL, app.Credentials.ClientID)
	stranger.Config.Handler = hostPage(e.srv.URL, app.Credentials.ClientID)

	tctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(tctx, chromedp.Navigate(host.URL),
		chromedp.WaitVisible(chromedp.CSS("iframe[data-in-widget-frame]"))); err != nil {
		t.Fatal(err)
	}
	inWidget(t, tctx, func(f chromedp.QueryOption) []chromedp.Action[chromedp.Void] {
		return []chromedp.Action[chromedp.Void]{
			chromedp.WaitVisible(chromedp.CSS("#widget-signin"), f),
			chromedp.SendKeys(chromedp.CSS("#session_key"), admin.Email, f),
			chromedp.SendKeys(chromedp.CSS("#session_password"), w.SeatPassword, f),
		}
	})
	submitInWidget(t, tctx, "#sign-in")
	inWidget(t, tctx, func(f chromedp.QueryOption) []chromedp.Action[chromedp.Void] {
		return []chromedp.Action[chromedp.Void]{
			chromedp.WaitVisible(chromedp.CSS("#choose-contract"), f),
			chromedp.Click(chromedp.CSS(`input[value="`+contract1+`"]`), f),
		}
	})
	submitInWidget(t, tctx, "#continue")
	company := "#request-" + string(linkedinsim.BundleCompany)
	inWidget(t, tctx, func(f chromedp.QueryOption) []chromedp.Action[chromedp.Void] {
		return []chromedp.Action[chromedp.Void]{chromedp.WaitVisible(chromedp.CSS(company), f)}
	})
	submitInWidget(t, tctx, company)

	// The callback on the host page got the request.
	if err := chromedp.Do(tctx, chromedp.WaitVisible(chromedp.CSS(`#result[data-calls="1"]`))); err != nil {
		t.Fatal(err)
	}
	raw, err := chromedp.Run(tctx, chromedp.Text(chromedp.CSS("#result")))
	if err != nil {
		t.Fatal(err)
	}
	var got linkedinsim.IntegrationHandoff
	if err := json.Unmarshal([]byte(raw), &got); err != nil {
		t.Fatalf("callback argument %q: %v", raw, err)
	}
	if got.Organization != org1 || got.Contract != contract1 || got.Bundle != linkedinsim.BundleCompany ||
		len(got.IntegrationTypes) != 3 || got.RequestID == "" {
		t.Errorf("onintegrate got %+v, want %s / %s, company bundle", got, org1, contract1)
	}
	// The widget now offers "Notify partner" for the requested bundle.
	var label string
	inWidget(t, tctx, func(f chromedp.QueryOption) []chromedp.Action[chromedp.Void] {
		return []chromedp.Action[chromedp.Void]{chromedp.WaitVisible(chromedp.CSS("#notice"), f),
			func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
				var err error
				label, err = chromedp.Text(chromedp.CSS(company), f)(ctx, tg)
				return chromedp.Void{}, err
			}}
	})
	if strings.TrimSpace(label) != "Notify partner" {
		t.Errorf("company bundle button = %q, want Notify partner", label)
	}
	browsertest.Screenshot(t, tctx, "widget-requested.png")

	// A page on an origin the app does not list gets the refusal.
	if err := chromedp.Do(tctx, chromedp.Navigate(stranger.URL),
		chromedp.WaitVisible(chromedp.CSS("iframe[data-in-widget-frame]"))); err != nil {
		t.Fatal(err)
	}
	var refusal string
	inWidget(t, tctx, func(f chromedp.QueryOption) []chromedp.Action[chromedp.Void] {
		return []chromedp.Action[chromedp.Void]{chromedp.WaitVisible(chromedp.CSS("#refusal"), f),
			func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
				var err error
				refusal, err = chromedp.Text(chromedp.CSS("#refusal"), f)(ctx, tg)
				return chromedp.Void{}, err
			}}
	})
	if !strings.Contains(refusal, "Unauthorized domain") || !strings.Contains(refusal, stranger.URL) {
		t.Errorf("refusal = %q", refusal)
	}
	browsertest.Screenshot(t, tctx, "widget-refused.png")
}
