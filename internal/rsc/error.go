package rsc

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"golang.org/x/oauth2"
)

// Kind says what the sync worker should do about a failure (conventions.md,
// "Error model", sync-worker table).
type Kind int

const (
	// Retryable failures (5xx, timeouts, connection errors) are retried
	// with backoff.
	Retryable Kind = iota + 1
	// Permanent failures (4xx except 429) will fail again unchanged; the
	// entity is listed with LinkedIn's message until someone fixes it.
	Permanent
	// Snooze failures (429) are retried after RetryAfter.
	Snooze
	// NeedsReauth failures (401 after one token refresh, or rejected
	// client credentials) need an admin to reconnect.
	NeedsReauth
)

// String names the kind for logs.
func (k Kind) String() string {
	switch k {
	case Retryable:
		return "retryable"
	case Permanent:
		return "permanent"
	case Snooze:
		return "snooze"
	case NeedsReauth:
		return "needs_reauth"
	}
	return "none"
}

// Error is a classified failure of a call or of one entity in a batch.
// Status is the HTTP status (0 for transport failures), Code LinkedIn's
// serviceErrorCode when it sends one, Message LinkedIn's message (for a
// 422, the validation text an admin needs to fix the record).
type Error struct {
	Status     int
	Code       int
	Message    string
	Kind       Kind
	RetryAfter time.Duration // set for Snooze
	err        error         // underlying transport or token error
}

// Error implements error.
func (e *Error) Error() string {
	if e.Status == 0 {
		return fmt.Sprintf("rsc: %s: %s", e.Kind, e.Message)
	}
	return fmt.Sprintf("rsc: %s: %d %s", e.Kind, e.Status, e.Message)
}

// Unwrap returns the transport or token error behind e, if any.
func (e *Error) Unwrap() error { return e.err }

// KindOf returns the kind of err: the Kind of an *Error in its chain, zero
// for nil, and Retryable for anything else, so an unexpected failure is
// retried with backoff (bounded by the queue's attempts) rather than
// dropped.
func KindOf(err error) Kind {
	if err == nil {
		return 0
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Retryable
}

// RetryAfter returns how long to wait before retrying a Snooze failure, and
// zero for anything else.
func RetryAfter(err error) time.Duration {
	var e *Error
	if errors.As(err, &e) && e.Kind == Snooze {
		return e.RetryAfter
	}
	return 0
}

// kindOfStatus maps an HTTP status to a Kind (conventions.md table). 401 is
// NeedsReauth here because callers only see a 401 after the refresh and
// retry have already failed.
func kindOfStatus(status int) Kind {
	switch {
	case status == http.StatusTooManyRequests:
		return Snooze
	case status == http.StatusUnauthorized:
		return NeedsReauth
	case status >= 500:
		return Retryable
	case status == http.StatusRequestTimeout:
		return Retryable
	}
	return Permanent
}

// wireError is LinkedIn's standard error body (rsc-api.md §2.5).
type wireError struct {
	Status           int    `json:"status"`
	ServiceErrorCode int    `json:"serviceErrorCode"`
	Message          string `json:"message"`
}

// entityError turns the error of one batch entity into an *Error. Its
// status, not the overall 200, decides the kind (rsc-api.md §2.4).
func (w wireError) entityError() *Error {
	return &Error{Status: w.Status, Code: w.ServiceErrorCode, Message: w.Message, Kind: kindOfStatus(w.Status)}
}

// responseError classifies a non-2xx response whose body has been read.
func responseError(resp *http.Response, body []byte) *Error {
	var w wireError
	_ = json.Unmarshal(body, &w) // a non-JSON body (a proxy's page) still has a status
	e := &Error{Status: resp.StatusCode, Code: w.ServiceErrorCode, Message: w.Message,
		Kind: kindOfStatus(resp.StatusCode)}
	if e.Message == "" {
		e.Message = http.StatusText(resp.StatusCode)
	}
	if e.Kind == Snooze {
		e.RetryAfter = parseRetryAfter(resp.Header.Get("Retry-After"), time.Now())
	}
	return e
}

// defaultRetryAfter is the snooze for a 429 without a usable Retry-After.
const defaultRetryAfter = time.Minute

// parseRetryAfter reads delay-seconds or an HTTP date (RFC 9110 §10.2.3).
func parseRetryAfter(v string, now time.Time) time.Duration {
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d
		}
		return 0
	}
	return defaultRetryAfter
}

// transportError classifies a failure to get any response: connection
// errors and timeouts are retryable, and so is a caller's cancellation (the
// job runs again later).
func transportError(err error) *Error {
	return &Error{Message: err.Error(), Kind: Retryable, err: err}
}

// tokenError classifies a failure to get a token. invalid_client (or any
// 401 from the token endpoint) means the credentials are wrong or revoked:
// an admin must reconnect (rsc-api.md §2.1, §2.5).
func tokenError(err error) *Error {
	var re *oauth2.RetrieveError
	if !errors.As(err, &re) {
		return transportError(err)
	}
	e := &Error{Message: re.ErrorDescription, err: err}
	if re.Response != nil {
		e.Status = re.Response.StatusCode
		e.Kind = kindOfStatus(e.Status)
		if e.Kind == Snooze {
			e.RetryAfter = parseRetryAfter(re.Response.Header.Get("Retry-After"), time.Now())
		}
	}
	switch {
	case re.ErrorCode == "invalid_client", re.ErrorCode == "access_denied":
		e.Kind = NeedsReauth
	case e.Kind == 0:
		e.Kind = Retryable
	}
	if e.Message == "" {
		e.Message = "token: " + re.ErrorCode
	}
	return e
}
