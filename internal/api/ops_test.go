package api_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"

	"attractor/internal/api"
	"attractor/internal/ats"
	"attractor/internal/session"

	"github.com/google/go-cmp/cmp"
)

// TestHealthz checks the healthy answer on a real database.
func TestHealthz(t *testing.T) {
	t.Parallel()
	b := setup(t)
	got := call[map[string]string](b.anon(t), 200, "GET", "/healthz", nil)
	want := map[string]string{"status": "ok", "database": "ok", "migrations": "current"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("healthz (-want +got):\n%s", diff)
	}
}

// fakeHealth is a HealthChecker that fails on demand.
type fakeHealth struct {
	pingErr, migErr error
	current         bool
}

func (f fakeHealth) Ping(context.Context) error                      { return f.pingErr }
func (f fakeHealth) MigrationsCurrent(context.Context) (bool, error) { return f.current, f.migErr }

// TestHealthzUnavailable checks the 503 answers name the broken part and
// never the error text.
func TestHealthzUnavailable(t *testing.T) {
	t.Parallel()
	secret := errors.New("dial tcp 10.0.0.7:5432: password authentication failed for user attractor")
	tests := []struct {
		name   string
		health fakeHealth
		want   map[string]string
	}{
		{"DatabaseDown", fakeHealth{pingErr: secret}, map[string]string{"status": "unavailable", "database": "unreachable", "migrations": "unknown"}},
		{"MigrationsPending", fakeHealth{}, map[string]string{"status": "unavailable", "database": "ok", "migrations": "pending"}},
		{"MigrationsUnknown", fakeHealth{migErr: secret}, map[string]string{"status": "unavailable", "database": "ok", "migrations": "unknown"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := setup(t)
			srv := api.NewServer(b.svc, session.NewManager(b.store.Sessions(), false), tt.health, nil, nil, slog.New(slog.NewTextHandler(io.Discard, nil)))
			ts := httptest.NewServer(srv.Handler())
			defer ts.Close()
			c := b.anon(t)
			c.base = ts.URL
			r := c.want(503, "GET", "/healthz", nil)
			if strings.Contains(string(r.body), "password") || strings.Contains(string(r.body), "10.0.0.7") {
				t.Fatalf("healthz leaks the error: %s", r.body)
			}
			got := call[map[string]string](c, 503, "GET", "/healthz", nil)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("healthz (-want +got):\n%s", diff)
			}
		})
	}
}

// TestMetrics checks that /metrics serves the runtime collectors and
// counts requests by route pattern, method and status.
func TestMetrics(t *testing.T) {
	t.Parallel()
	b := setup(t)
	c := b.bearer(t, mustToken(t, b.svc, mustCreateUser(t, b.svc, "rec@example.com", ats.RoleRecruiter)))
	c.want(200, "GET", "/api/v1/jobs", nil)
	c.want(200, "GET", "/api/v1/jobs", nil)
	c.want(404, "GET", "/api/v1/jobs/J-404", nil)
	body := string(c.want(200, "GET", "/metrics", nil).body)
	for _, want := range []string{
		`attractor_http_requests_total{code="200",method="GET",route="/api/v1/jobs"} 2`,
		`attractor_http_requests_total{code="404",method="GET",route="/api/v1/jobs/{id}"} 1`,
		`attractor_http_request_duration_seconds_bucket{code="200",method="GET",route="/api/v1/jobs",le="+Inf"} 2`,
		"go_goroutines ",
		"process_cpu_seconds_total ",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
}
