package main

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestServeSigninBudget checks serve's wiring of the sign-in limit: the
// pages and the JSON API draw on one budget per client, and with
// ATTRACTOR_TRUSTED_PROXIES the client is the one the proxy names.
func TestServeSigninBudget(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out, done := newLockedBuffer(), make(chan error, 1)
	env := envOf(map[string]string{"ATTRACTOR_TRUSTED_PROXIES": "127.0.0.1", "ATTRACTOR_LINKEDIN_STATUS_POLL": "1h"})
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--database",
			"sqlite:" + filepath.Join(t.TempDir(), "attractor.db")}, env, nil, out, out)
	}()
	base := "http://" + out.waitFor(t, regexp.MustCompile(`listening on http://(\S+)`), done)[1]
	send := func(path, contentType, body, client string) int {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPost, base+path, strings.NewReader(body))
		req.Header.Set("Content-Type", contentType)
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		req.Header.Set("X-Forwarded-For", client)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	const attacker, bystander = "203.0.113.7", "198.51.100.9"
	for i := range 20 {
		form := url.Values{"email": {fmt.Sprintf("nobody%d@example.com", i)}, "password": {"wrong-password"}}
		if got := send("/signin", "application/x-www-form-urlencoded", form.Encode(), attacker); got != http.StatusUnauthorized {
			t.Fatalf("page attempt %d = %d, want 401", i+1, got)
		}
	}
	api := `{"email":"someone@example.com","password":"wrong-password"}`
	if got := send("/api/v1/session", "application/json", api, attacker); got != http.StatusTooManyRequests {
		t.Errorf("API sign-in after 20 page attempts from %s = %d, want 429", attacker, got)
	}
	if got := send("/api/v1/session", "application/json", api, bystander); got != http.StatusUnauthorized {
		t.Errorf("API sign-in from %s behind the same proxy = %d, want 401 (a budget of its own)", bystander, got)
	}
}
