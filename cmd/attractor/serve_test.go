package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/cookiejar"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestServeWiresLinkedIn starts linkedinsim and the ATS in-process with
// the ATS pointed at the simulator, and checks the LinkedIn wiring of
// serve: the admin routes reach LinkedIn through the syncer (Connect
// provisions an app), LinkedIn's callback is open without a session but
// refuses unsigned notifications, the web interface shares the API's
// session and allows LinkedIn's widget script, and both shut down cleanly (the queue
// stops with the server).
func TestServeWiresLinkedIn(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	simOut, simDone := newLockedBuffer(), make(chan error, 1)
	go func() {
		simEnv := envOf(map[string]string{"LINKEDINSIM_DATABASE_URL": "sqlite:" + filepath.Join(t.TempDir(), "sim.db"),
			"LINKEDINSIM_MEMBERS": "100"})
		simDone <- run(ctx, []string{"linkedinsim", "--addr", "127.0.0.1:0"}, simEnv, nil, simOut, simOut)
	}()
	sim := "http://" + simOut.waitFor(t, regexp.MustCompile(`listening on http://(\S+)`), simDone)[1]

	out, done := newLockedBuffer(), make(chan error, 1)
	env := envOf(map[string]string{"ATTRACTOR_ADMIN_EMAIL": "admin@example.com", "ATTRACTOR_ADMIN_PASSWORD": "first-admin-pw",
		"ATTRACTOR_LINKEDIN_API_URL": sim, "ATTRACTOR_LINKEDIN_STATUS_POLL": "1h"})
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--database",
			"sqlite:" + filepath.Join(t.TempDir(), "attractor.db")}, env, nil, out, out)
	}()
	base := "http://" + out.waitFor(t, regexp.MustCompile(`listening on http://(\S+)`), done)[1]

	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	post := func(path, body string, header map[string]string) (*http.Response, map[string]any) {
		t.Helper()
		req, _ := http.NewRequest("POST", base+path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		for k, v := range header {
			req.Header.Set(k, v)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out map[string]any
		json.NewDecoder(resp.Body).Decode(&out)
		return resp, out
	}
	if resp, _ := post("/api/v1/session", `{"email":"admin@example.com","password":"first-admin-pw"}`, nil); resp.StatusCode != 200 {
		t.Fatalf("log in = %d", resp.StatusCode)
	}
	resp, widget := post("/api/v1/integrations/linkedin/connect", "", nil)
	if resp.StatusCode != 200 || widget["api_key"] == "" || widget["script_url"] != sim+"/xdoor/scripts/in.js" {
		t.Fatalf("connect = %d %v\n%s", resp.StatusCode, widget, out)
	}
	// The web interface is on the same mux and session: the admin's
	// LinkedIn tab answers, and its policy lets LinkedIn's widget load.
	page, err := client.Get(base + "/admin/linkedin")
	if err != nil {
		t.Fatal(err)
	}
	page.Body.Close()
	if csp := page.Header.Get("Content-Security-Policy"); page.StatusCode != 200 || !strings.Contains(csp, "script-src 'self' "+sim) {
		t.Errorf("GET /admin/linkedin = %d, CSP %q", page.StatusCode, csp)
	}
	jar2, _ := cookiejar.New(nil)
	client = &http.Client{Jar: jar2} // LinkedIn has no session
	resp, body := post("/api/v1/integrations/linkedin/callback", `{"id":"n-1","type":"INTEGRATION_STATUS_CHANGE"}`,
		map[string]string{"X-LI-Signature": strings.Repeat("0", 64)})
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body["error"].(map[string]any)["message"].(string), "X-LI-Signature") {
		t.Errorf("forged notification = %d %v", resp.StatusCode, body)
	}

	cancel()
	if err := <-done; err != nil {
		t.Errorf("serve returned %v after shutdown", err)
	}
	if err := <-simDone; err != nil {
		t.Errorf("linkedinsim returned %v after shutdown", err)
	}
}
