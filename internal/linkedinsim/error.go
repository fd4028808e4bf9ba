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
// ServiceCode is LinkedIn's serviceErrorCode for the situations where
// LinkedIn is known to send one (token and permission errors); it is 0
// otherwise.
type Error struct {
	Code        string
	Message     string
	ServiceCode int
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

// ErrorServiceCode returns LinkedIn's serviceErrorCode for err, or 0.
func ErrorServiceCode(err error) int {
	var e *Error
	if errors.As(err, &e) {
		return e.ServiceCode
	}
	return 0
}

// LinkedIn's serviceErrorCode values for token and permission failures
// [INF: values seen in LinkedIn API error bodies, not in rsc-api.md].
const (
	codeInvalidToken = 65600
	codeExpiredToken = 65602
	codeNoPermission = 100
)
