package rsc

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

// fakeLinkedIn is an httptest server with LinkedIn's token endpoint and an
// API handler chosen by each test. It counts the tokens it mints; a token
// is "tok-N" for the N-th mint.
type fakeLinkedIn struct {
	*httptest.Server
	mints atomic.Int32
	api   http.HandlerFunc
	// tokenStatus, when set, makes the token endpoint fail with that
	// status and tokenError as the RFC 6749 error code.
	tokenStatus int
	tokenError  string
}

func newFake(t *testing.T, api http.HandlerFunc) *fakeLinkedIn {
	t.Helper()
	f := &fakeLinkedIn{api: api}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /oauth/v2/accessToken", f.token(t))
	mux.HandleFunc("/v2/", func(w http.ResponseWriter, r *http.Request) { f.api(w, r) })
	f.Server = httptest.NewServer(mux)
	t.Cleanup(f.Close)
	return f
}

// token checks that credentials come in the form body (AuthStyleInParams,
// rsc-api.md §2.1) and answers like LinkedIn.
func (f *fakeLinkedIn) token(t *testing.T) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if _, _, basic := r.BasicAuth(); basic {
			t.Errorf("token request used Basic auth; want credentials in the form body")
		}
		if r.PostFormValue("grant_type") != "client_credentials" || r.PostFormValue("client_id") != "cid" ||
			r.PostFormValue("client_secret") != "secret" {
			t.Errorf("token form = %v", r.PostForm)
		}
		w.Header().Set("Content-Type", "application/json")
		if f.tokenStatus != 0 {
			w.WriteHeader(f.tokenStatus)
			json.NewEncoder(w).Encode(map[string]string{"error": f.tokenError, "error_description": "bad client"})
			return
		}
		n := f.mints.Add(1)
		json.NewEncoder(w).Encode(map[string]any{"access_token": "tok-" + string(rune('0'+n)), "expires_in": 1800})
	}
}

func (f *fakeLinkedIn) client(cfg Config) *Client {
	cfg.APIURL, cfg.AuthURL, cfg.ClientID, cfg.ClientSecret = f.URL, f.URL, "cid", "secret"
	return New(cfg)
}

// writeJSON answers status with v as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func linkedinError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]any{"status": status, "serviceErrorCode": 100, "message": msg})
}

func TestErrorClassification(t *testing.T) {
	tests := []struct {
		name       string
		status     int
		retryAfter string
		want       Kind
		wantAfter  time.Duration
	}{
		{"BadRequest", 400, "", Permanent, 0},
		{"Forbidden", 403, "", Permanent, 0},
		{"NotFound", 404, "", Permanent, 0},
		{"Conflict", 409, "", Permanent, 0},
		{"Unprocessable", 422, "", Permanent, 0},
		{"TooManyRequests", 429, "7", Snooze, 7 * time.Second},
		{"TooManyRequestsNoHeader", 429, "", Snooze, defaultRetryAfter},
		{"Internal", 500, "", Retryable, 0},
		{"Unavailable", 503, "", Retryable, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
				if tt.retryAfter != "" {
					w.Header().Set("Retry-After", tt.retryAfter)
				}
				linkedinError(w, tt.status, "ERROR :: /title :: field is required")
			})
			_, err := f.client(Config{}).IntegrationsByRequest(context.Background(), "r1")
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v, want *Error", err)
			}
			if e.Status != tt.status || e.Kind != tt.want || KindOf(err) != tt.want || RetryAfter(err) != tt.wantAfter {
				t.Errorf("got %+v, RetryAfter %v; want status %d kind %v after %v", e, RetryAfter(err), tt.status, tt.want, tt.wantAfter)
			}
			if e.Message != "ERROR :: /title :: field is required" || e.Code != 100 {
				t.Errorf("message, code = %q, %d; want LinkedIn's", e.Message, e.Code)
			}
		})
	}
}

func TestUnauthorizedRefreshesOnce(t *testing.T) {
	var calls atomic.Int32
	f := newFake(t, nil)
	f.api = func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		if r.Header.Get("Authorization") != "Bearer tok-2" {
			linkedinError(w, 401, "expired")
			return
		}
		writeJSON(w, 200, map[string]any{"elements": []any{}, "paging": map[string]int{}})
	}
	cl := f.client(Config{})
	if _, err := cl.IntegrationsByRequest(context.Background(), "r1"); err != nil {
		t.Fatal(err)
	}
	if calls.Load() != 2 || f.mints.Load() != 2 {
		t.Errorf("calls, mints = %d, %d; want 2, 2", calls.Load(), f.mints.Load())
	}
	// The fresh token is reused by the next call.
	if _, err := cl.IntegrationsByRequest(context.Background(), "r2"); err != nil {
		t.Fatal(err)
	}
	if f.mints.Load() != 2 {
		t.Errorf("mints = %d after a second call; want the token reused", f.mints.Load())
	}
}

func TestUnauthorizedTwiceNeedsReauth(t *testing.T) {
	var calls atomic.Int32
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) { calls.Add(1); linkedinError(w, 401, "revoked") })
	_, err := f.client(Config{}).IntegrationsByRequest(context.Background(), "r1")
	if KindOf(err) != NeedsReauth || calls.Load() != 2 || f.mints.Load() != 2 {
		t.Errorf("err %v, calls %d, mints %d; want needs_reauth after one refresh and retry", err, calls.Load(), f.mints.Load())
	}
}

func TestTokenErrors(t *testing.T) {
	tests := []struct {
		name   string
		status int
		code   string
		want   Kind
	}{
		{"InvalidClient", 401, "invalid_client", NeedsReauth},
		{"InvalidClientAs400", 400, "invalid_client", NeedsReauth},
		{"AccessDenied", 403, "access_denied", NeedsReauth},
		{"ServerError", 500, "server_error", Retryable},
		{"Throttled", 429, "throttled", Snooze},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t, func(w http.ResponseWriter, r *http.Request) { t.Error("API called without a token") })
			f.tokenStatus, f.tokenError = tt.status, tt.code
			_, err := f.client(Config{}).IntegrationsByRequest(context.Background(), "r1")
			if KindOf(err) != tt.want {
				t.Errorf("KindOf(%v) = %v, want %v", err, KindOf(err), tt.want)
			}
		})
	}
}

func TestTransportErrorsRetryable(t *testing.T) {
	t.Run("Timeout", func(t *testing.T) {
		f := newFake(t, func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
		cl := f.client(Config{HTTPClient: &http.Client{Timeout: 50 * time.Millisecond}})
		_, err := cl.IntegrationsByRequest(context.Background(), "r1")
		if KindOf(err) != Retryable {
			t.Errorf("KindOf(%v) = %v, want retryable", err, KindOf(err))
		}
	})
	t.Run("ConnectionRefused", func(t *testing.T) {
		f := newFake(t, nil)
		cl := f.client(Config{})
		f.Close()
		_, err := cl.IntegrationsByRequest(context.Background(), "r1")
		if KindOf(err) != Retryable {
			t.Errorf("KindOf(%v) = %v, want retryable", err, KindOf(err))
		}
	})
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := map[string]time.Duration{
		"120": 2 * time.Minute,
		"0":   0,
		now.Add(90 * time.Second).Format(http.TimeFormat): 90 * time.Second,
		now.Add(-time.Hour).Format(http.TimeFormat):       0,
		"soon": defaultRetryAfter,
		"":     defaultRetryAfter,
	}
	for in, want := range tests {
		if got := parseRetryAfter(in, now); got != want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestKindOfPlainErrors(t *testing.T) {
	if KindOf(nil) != 0 || KindOf(io.EOF) != Retryable || RetryAfter(io.EOF) != 0 {
		t.Errorf("KindOf(nil), KindOf(EOF), RetryAfter(EOF) = %v, %v, %v", KindOf(nil), KindOf(io.EOF), RetryAfter(io.EOF))
	}
}
