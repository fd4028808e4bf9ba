package api

import (
	"log/slog"
	"net/http"
	"time"
)

// maxBody bounds request bodies. Nothing the API accepts comes close; the
// bound stops a client from making the server buffer arbitrary amounts.
const maxBody = 1 << 20

// limitBody caps every request body at maxBody; reading past it fails with
// *http.MaxBytesError, which decode reports as 413.
func limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, maxBody)
		next.ServeHTTP(w, r)
	})
}

// recoverPanics turns a panic anywhere below into a 500 JSON error, without
// details, instead of a dropped connection. Handlers are already protected
// by the json adapter; this catches the middleware.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &statusRecorder{ResponseWriter: w}
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.logger.Error("panic serving request", slog.Any("panic", v), requestGroup(r))
				if rec.status == 0 {
					writeError(rec, internalError())
				}
			}
		}()
		next.ServeHTTP(rec, r)
	})
}

// logRequests logs one line per request once it is answered.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		s.logger.Info("request", requestGroup(r),
			slog.Int("status", rec.code()), slog.Duration("duration", time.Since(start)))
	})
}

// requestGroup describes a request for the log without its query string,
// which may hold search terms about people.
func requestGroup(r *http.Request) slog.Attr {
	return slog.Group("request", slog.String("method", r.Method), slog.String("path", r.URL.Path))
}

// statusRecorder remembers the status written through it, for logs and
// metrics.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

// WriteHeader records the status before passing it on.
func (r *statusRecorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

// Write records an implicit 200.
func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// code is the status sent, 200 when the handler wrote nothing.
func (r *statusRecorder) code() int {
	if r.status == 0 {
		return http.StatusOK
	}
	return r.status
}
