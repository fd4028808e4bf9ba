package restli

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
)

// serviceErrorCode convention: rsc-api.md §2.5 documents only the body
// shape ({"serviceErrorCode": <int>, "message", "status"}, [INF]) and no
// codes, so the simulator sends the HTTP status as serviceErrorCode for
// every top-level error, as LinkedIn's own sample response does
// ({"message":"Empty oauth2_access_token","serviceErrorCode":401,
// "status":401}). Codes seen in the wild (65600/65602 for tokens, 100 for
// permissions) are deliberately not emulated; clients must key on status.

// Error is a Rest.li error response. It is both a Go error, so parsers and
// handlers can return it up the stack, and the JSON body LinkedIn sends
// (rsc-api.md §2.5 "Standard error body"), so it can be written unchanged.
// The same shape appears per entity inside batch responses (rsc-api.md §2.4).
//
// ServiceErrorCode is omitted from JSON when zero: the only documented
// per-entity error (the batch_create 422 in rsc-api.md §2.4) carries just
// message and status.
type Error struct {
	ServiceErrorCode int    `json:"serviceErrorCode,omitempty"`
	Message          string `json:"message"`
	Status           int    `json:"status"`
}

// Error returns the message with its status, for logs and test failures.
func (e *Error) Error() string {
	return fmt.Sprintf("restli: %d: %s", e.Status, e.Message)
}

// Errorf builds an *Error whose serviceErrorCode equals the HTTP status,
// which is what LinkedIn sends when no finer code applies. The parsers in
// this package return 400 errors made this way, so a handler can pass them
// straight to [WriteErr].
func Errorf(status int, format string, args ...any) *Error {
	return &Error{ServiceErrorCode: status, Message: fmt.Sprintf(format, args...), Status: status}
}

// badRequest is the 400 every parser in this package returns.
func badRequest(format string, args ...any) *Error {
	return Errorf(http.StatusBadRequest, format, args...)
}

// AsError finds the *Error in err's chain. Any other error becomes an
// opaque 500 so internal details never reach the client (conventions.md,
// "Never echo internal error text"). A nil err returns nil.
func AsError(err error) *Error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return Errorf(http.StatusInternalServerError, "Internal Server Error")
}

// WriteError writes the standard LinkedIn error body with the given status,
// service error code and message (rsc-api.md §2.5).
func WriteError(w http.ResponseWriter, status, code int, msg string) {
	WriteJSON(w, status, &Error{ServiceErrorCode: code, Message: msg, Status: status})
}

// WriteErr writes err as an error body, using its status when it is (or
// wraps) an *Error and a generic 500 otherwise. It is the one place a
// handler's returned error becomes a response.
func WriteErr(w http.ResponseWriter, err error) {
	e := AsError(err)
	if e == nil {
		e = Errorf(http.StatusInternalServerError, "Internal Server Error")
	}
	WriteJSON(w, e.Status, e)
}

// WriteJSON writes v as a JSON response. Rest.li always answers with
// application/json, including errors, so every response in the simulator
// should go through here.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		body = []byte(`{"serviceErrorCode":500,"message":"Internal Server Error","status":500}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(append(body, '\n')) //nolint:errcheck // the client went away; nothing to do
}
