package linkedinsim

import (
	"errors"
	"fmt"
)

// Error codes shared by the service and its HTTP adapters. Each maps to one
// HTTP status in the server's table, so domain code never picks a status.
const (
	EINVALID       = "invalid"       // malformed input: 400
	EUNPROCESSABLE = "unprocessable" // well-formed but fails validation: 422
	EUNAUTHORIZED  = "unauthorized"  // missing, unknown or expired token: 401
	EFORBIDDEN     = "forbidden"     // valid token, wrong kind of app: 403
	ENOTFOUND      = "not_found"     // 404
	ECONFLICT      = "conflict"      // duplicate key: 409
	EUNSUPPORTED   = "unsupported"   // wrong Content-Type: 415
	EMETHOD        = "method"        // known path, wrong HTTP method: 405
	EINTERNAL      = "internal"      // anything else: 500
)

// Error is a domain error whose Message may be shown to API callers as is.
// It carries no serviceErrorCode: the API adapter (server.go) sends the
// HTTP status as serviceErrorCode for every error, domain or Rest.li.
// rsc-api.md §2.5 documents only the body shape ({"serviceErrorCode":
// <int>, ...}, [INF]) and no codes, and LinkedIn's own sample error body
// ({"message":"Empty oauth2_access_token","serviceErrorCode":401,
// "status":401}) uses the status, so the simulator follows that sample
// rather than the undocumented 65600/65602/100 codes seen in the wild.
type Error struct {
	Code    string
	Message string
}

// Error implements error.
func (e *Error) Error() string { return fmt.Sprintf("linkedinsim %s: %s", e.Code, e.Message) }

// Errorf builds an *Error with a formatted, user-facing message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the *Error in err's chain, or EINTERNAL for
// any other error, so unexpected failures are never reported as the
// caller's fault.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of err, hiding the text of
// internal errors.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "Internal server error."
}
