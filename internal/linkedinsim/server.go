package linkedinsim

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"attractor/internal/linkedinsim/restli"
)

// maxBody caps request bodies; the partner API's largest bodies are
// 100-entity batches, far below this.
const maxBody = 1 << 20

// Server serves the simulator's HTTP surface: LinkedIn's OAuth token
// endpoint, the RSC partner API and the simulator-only control API.
type Server struct {
	svc    *Service
	logger *slog.Logger
	limits *Limits // throttles (limits.go)
	faults *Faults // fault injection (faults.go)
}

// Option configures a Server (WithLimits, WithFaults).
type Option func(*Server)

// WithLimits makes the Server enforce l instead of fresh default limits.
func WithLimits(l *Limits) Option { return func(s *Server) { s.limits = l } }

// WithFaults makes the Server inject f instead of fresh, inactive faults.
func WithFaults(f *Faults) Option { return func(s *Server) { s.faults = f } }

// NewServer returns a Server over svc, logging server-side failures to
// logger. Unless options say otherwise it enforces LinkedIn's default
// limits on svc's clock and injects no faults; it attaches its Faults to
// svc so forced token expiry reaches the token service.
func NewServer(svc *Service, logger *slog.Logger, opts ...Option) *Server {
	s := &Server{svc: svc, logger: logger}
	for _, opt := range opts {
		opt(s)
	}
	if s.limits == nil {
		s.limits = NewLimits(svc.now)
	}
	if s.faults == nil {
		s.faults = NewFaults()
	}
	WithTokenFaults(s.faults)(svc)
	return s
}

// Limits returns the throttles the Server enforces; the export feature
// calls its AllowExport.
func (s *Server) Limits() *Limits { return s.limits }

// Faults returns the Server's fault injection; the push worker calls its
// Callback.
func (s *Server) Faults() *Faults { return s.faults }

// Handler returns the complete routing table (routes.go).
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	s.routes(mux)
	unmatched := s.api(s.handleUnmatched(mux))
	for _, prefix := range []string{"/v2/", "/sim/v1/"} {
		mux.Handle(prefix, unmatched)
	}
	return mux
}

// unmatchedPatterns are the catch-alls themselves, which never count as a
// route a method is allowed on.
var unmatchedPatterns = map[string]bool{"/v2/": true, "/sim/v1/": true}

// handleUnmatched answers paths the API does not serve with LinkedIn's
// JSON error body rather than Go's plain text: 405 with Allow when the
// path exists under another method, 404 otherwise.
func (s *Server) handleUnmatched(mux *http.ServeMux) apiFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		var allow []string
		for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
			probe := r.Clone(r.Context())
			probe.Method = m
			if _, p := mux.Handler(probe); m != r.Method && p != "" && !unmatchedPatterns[p] {
				allow = append(allow, m)
			}
		}
		if len(allow) > 0 {
			w.Header().Set("Allow", strings.Join(allow, ", "))
			return Errorf(EMETHOD, "Method %s is not allowed on %s.", r.Method, r.URL.Path)
		}
		return Errorf(ENOTFOUND, "No resource found at %s.", r.URL.Path)
	}
}

// statusOf maps a domain error code to its HTTP status: the one table.
func statusOf(code string) int {
	switch code {
	case EINVALID:
		return http.StatusBadRequest
	case EUNPROCESSABLE:
		return http.StatusUnprocessableEntity
	case EUNAUTHORIZED:
		return http.StatusUnauthorized
	case EFORBIDDEN:
		return http.StatusForbidden
	case ENOTFOUND:
		return http.StatusNotFound
	case ECONFLICT:
		return http.StatusConflict
	case EUNSUPPORTED:
		return http.StatusUnsupportedMediaType
	case EMETHOD:
		return http.StatusMethodNotAllowed
	case ETHROTTLED:
		return http.StatusTooManyRequests
	case EUNAVAILABLE:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// apiFunc is an API handler: it parses, calls the service and renders, and
// returns an error instead of writing one.
type apiFunc func(w http.ResponseWriter, r *http.Request) error

// api adapts an apiFunc: an error becomes LinkedIn's error body
// {"serviceErrorCode", "message", "status"}, and 5xx are logged once here.
// It is the one place errors are rendered: a *restli.Error from the
// protocol helpers keeps its own status (400, 405, 414 …), a domain *Error
// gets its status from statusOf, anything else is an opaque 500, and in
// every case serviceErrorCode is the HTTP status (see [Error]).
func (s *Server) api(h apiFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, maxBody)
		r = restli.WithQuery(r)
		if err := h(w, r); err != nil {
			status, msg := statusOf(ErrorCode(err)), ErrorMessage(err)
			var re *restli.Error
			if errors.As(err, &re) {
				status, msg = re.Status, re.Message
			}
			s.logFailure(r, status, err)
			setRetryAfter(w, err) // limits.go
			writeJSON(w, status, apiError{ServiceErrorCode: status, Message: msg, Status: status})
		}
	})
}

// apiError is LinkedIn's error body (rsc-api.md §2.5). serviceErrorCode is
// always present and always equals status.
type apiError struct {
	ServiceErrorCode int    `json:"serviceErrorCode"`
	Message          string `json:"message"`
	Status           int    `json:"status"`
}

// authedFunc is an API handler that needs the calling app.
type authedFunc func(w http.ResponseWriter, r *http.Request, app *App) error

// authed resolves the bearer token to its app before calling h. Missing,
// unknown and expired tokens are 401 in LinkedIn's error shape.
func (s *Server) authed(h authedFunc) http.Handler {
	return s.api(func(w http.ResponseWriter, r *http.Request) error {
		if err := s.faults.inject(r.Context()); err != nil { // faults.go
			return err
		}
		token, ok := bearer(r)
		if !ok {
			return &Error{Code: EUNAUTHORIZED, Message: "Empty oauth2 access token"}
		}
		app, err := s.svc.Authenticate(r.Context(), token)
		if err != nil {
			return err
		}
		if r, err = s.limits.admit(r, app); err != nil { // limits.go
			return err
		}
		return h(w, r, app)
	})
}

// control guards the simulator-only control API with the world's control
// token.
func (s *Server) control(h apiFunc) http.Handler {
	return s.api(func(w http.ResponseWriter, r *http.Request) error {
		token, ok := bearer(r)
		if !ok {
			return &Error{Code: EUNAUTHORIZED, Message: "Missing control API token"}
		}
		if err := s.svc.CheckControlToken(r.Context(), token); err != nil {
			return err
		}
		return h(w, r)
	})
}

// bearer returns the token of an "Authorization: Bearer …" header; the
// scheme is case-insensitive (RFC 6750 §2.1).
func bearer(r *http.Request) (string, bool) {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	token = strings.TrimSpace(token)
	return token, ok && strings.EqualFold(scheme, "Bearer") && token != ""
}

// logFailure logs server-side failures once, with the request.
func (s *Server) logFailure(r *http.Request, status int, err error) {
	if status < 500 || isInjected(err) {
		return
	}
	s.logger.Error("request failed", "err", err,
		slog.Group("request", "method", r.Method, "path", r.URL.Path))
}

// writeJSON renders v with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v) //nolint:errcheck // the client went away
}

// bodyError turns a JSON decoding failure into the 400 the caller caused.
func bodyError(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return Errorf(EINVALID, "Request body exceeds %d bytes.", tooBig.Limit)
	}
	return Errorf(EINVALID, "Malformed JSON body: %s", describeJSONError(err))
}

// describeJSONError says what was wrong without echoing the body.
func describeJSONError(err error) string {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return "syntax error at byte " + itoa(syntax.Offset)
	case errors.As(err, &typ):
		return "field " + typ.Field + " must be " + typ.Type.String()
	}
	return "unexpected end of input or invalid JSON"
}
