package api

import (
	"context"
	"log/slog"
	"net/http"
	"time"
)

// healthBody is the answer of /healthz. It names which part is wrong
// (database unreachable, migrations pending) but never the error text,
// which could reveal hosts or credentials to an unauthenticated caller.
type healthBody struct {
	Status     string `json:"status"`
	Database   string `json:"database"`
	Migrations string `json:"migrations"`
}

// healthTimeout bounds the checks, so a hung database makes the probe fail
// rather than hang the load balancer's request.
const healthTimeout = 2 * time.Second

// handleHealth answers 200 when the database answers and its schema is
// current, 503 otherwise, for load balancers and orchestrators.
func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := context.WithTimeout(r.Context(), healthTimeout)
	defer cancel()
	body := healthBody{Status: "ok", Database: "ok", Migrations: "current"}
	if err := s.health.Ping(ctx); err != nil {
		s.logger.Warn("health check: database unreachable", slog.String("error", err.Error()))
		body = healthBody{Status: "unavailable", Database: "unreachable", Migrations: "unknown"}
	} else if current, err := s.health.MigrationsCurrent(ctx); err != nil {
		s.logger.Warn("health check: migrations unknown", slog.String("error", err.Error()))
		body.Status, body.Migrations = "unavailable", "unknown"
	} else if !current {
		body.Status, body.Migrations = "unavailable", "pending"
	}
	status := http.StatusOK
	if body.Status != "ok" {
		status = http.StatusServiceUnavailable
	}
	return encode(w, status, body)
}
