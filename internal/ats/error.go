package ats

import (
	"errors"
	"fmt"
)

// Error codes. Each transport keeps one table mapping them to its statuses.
const (
	EINVALID      = "invalid"
	ENOTFOUND     = "not_found"
	ECONFLICT     = "conflict"
	EUNAUTHORIZED = "unauthorized"
	EFORBIDDEN    = "forbidden"
	ETOOLARGE     = "too_large"
	ETOOMANY      = "too_many_requests"
	EINTERNAL     = "internal"
)

// Error is the one domain error type. Message is a full sentence shown to the
// user; Fields names the inputs that were wrong, keyed by their wire name.
// Anything that is not an *Error is reported to clients as an internal error
// without its text.
type Error struct {
	Code    string
	Message string
	Fields  map[string]string
}

// Error implements the error interface.
func (e *Error) Error() string {
	return fmt.Sprintf("ats error: code=%s message=%s", e.Code, e.Message)
}

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other error and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of err; other errors give a
// generic sentence so internal details never reach a client.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "Internal error."
}

// ErrorFields returns the per-field problems carried by err, if any.
func ErrorFields(err error) map[string]string {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}

// Problems collects per-field validation messages, so a request reports
// every wrong field at once rather than the first one.
type Problems map[string]string

// Add records msg for field unless a problem is already recorded for it.
func (p Problems) Add(field, msg string) {
	if _, ok := p[field]; !ok {
		p[field] = msg
	}
}

// Err returns nil when there are no problems, otherwise an EINVALID error
// that lists them.
func (p Problems) Err() error {
	if len(p) == 0 {
		return nil
	}
	return &Error{Code: EINVALID, Message: "Some fields are not valid.", Fields: map[string]string(p)}
}

// notFound is the error every lookup returns for an unknown id.
func notFound(what string) *Error {
	return Errorf(ENOTFOUND, "%s not found.", what)
}

// forbidden is the error returned when the acting user lacks a permission.
func forbidden(action Action) *Error {
	return Errorf(EFORBIDDEN, "You are not allowed to %s.", action.Describe())
}
