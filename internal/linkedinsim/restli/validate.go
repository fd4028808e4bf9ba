package restli

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Violation is one field-level validation failure: a JSON-pointer-like
// path such as "/title" or "/emailAddresses/0" and a lower-case message.
type Violation struct {
	Path    string
	Message string
}

// FieldError builds a Violation. Handlers and the validators below use it
// so every 422 names the field the LinkedIn way (rsc-api.md §2.4, §2.5).
func FieldError(path, msg string) Violation {
	return Violation{Path: path, Message: msg}
}

// String renders the violation as LinkedIn does in 422 messages:
// "ERROR :: /title :: field is required but not found and has no default
// value\n" (rsc-api.md §2.4 "Batch create").
func (v Violation) String() string {
	return "ERROR :: " + v.Path + " :: " + v.Message + "\n"
}

// Violations collects every problem of one entity, so a single 422 tells
// the client all of them at once. Validators return a Violations that is
// nil when the value is fine, so results chain with append:
//
//	var vs restli.Violations
//	vs = append(vs, restli.PositiveMillis("/atsCreatedAt", c.CreatedAt)...)
//	vs = append(vs, restli.Email("/candidateEmail", c.Email)...)
//	if err := vs.Err(); err != nil { ... }
type Violations []Violation

// Message joins the violations into one LinkedIn-style message, one
// "ERROR :: path :: message\n" line each, in the order found.
func (vs Violations) Message() string {
	var b strings.Builder
	for _, v := range vs {
		b.WriteString(v.String())
	}
	return b.String()
}

// Err returns nil when there are no violations, else a 422 *Error carrying
// [Violations.Message], the status LinkedIn uses for schema errors
// (rsc-api.md §2.5).
func (vs Violations) Err() error {
	if len(vs) == 0 {
		return nil
	}
	return &Error{Status: http.StatusUnprocessableEntity, Message: vs.Message()}
}

// FieldPath builds a violation path from field names and array indexes:
// FieldPath("emailAddresses", 0) is "/emailAddresses/0".
func FieldPath(parts ...any) string {
	var b strings.Builder
	for _, p := range parts {
		fmt.Fprintf(&b, "/%v", p)
	}
	return b.String()
}

// MsgRequired is Rest.li's text for a missing required field, quoted in
// the batch_create example of rsc-api.md §2.4.
const MsgRequired = "field is required but not found and has no default value"

// Required reports a missing required field (rsc-api.md §3.5, §3.6).
func Required(path string, present bool) Violations {
	if present {
		return nil
	}
	return Violations{FieldError(path, MsgRequired)}
}

// PositiveMillis checks an epoch-milliseconds timestamp is > 0, LinkedIn's
// rule for atsCreatedAt and atsLastModifiedAt since Nov 2021
// (rsc-api.md §2.5).
func PositiveMillis(path string, ms int64) Violations {
	if ms > 0 {
		return nil
	}
	return Violations{FieldError(path, fmt.Sprintf("timestamp %d must be greater than 0 (epoch milliseconds)", ms))}
}

// NotBefore checks ms ≥ earlier, LinkedIn's rule that atsLastModifiedAt is
// not before atsCreatedAt (rsc-api.md §2.5). earlierPath names the other
// field in the message.
func NotBefore(path string, ms int64, earlierPath string, earlier int64) Violations {
	if ms >= earlier {
		return nil
	}
	return Violations{FieldError(path, fmt.Sprintf("%d must be greater than or equal to %s (%d)", ms, earlierPath, earlier))}
}

// emailPattern is LinkedIn's X@X.X: something, one @, something, a dot,
// something, with no spaces or second @.
var emailPattern = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)

// Email checks s matches LinkedIn's X@X.X email pattern, used for
// candidate emailAddresses and application candidateEmail
// (rsc-api.md §2.5).
func Email(path, s string) Violations {
	if emailPattern.MatchString(s) {
		return nil
	}
	return Violations{FieldError(path, fmt.Sprintf("%q is not a valid email address (X@X.X)", s))}
}

// MinLength checks s has at least n characters (Unicode code points), the
// rule for atsJobPostingId, atsJobPostingName, firstName and stage
// (rsc-api.md §2.5).
func MinLength(path, s string, n int) Violations {
	if utf8.RuneCountInString(s) >= n {
		return nil
	}
	return Violations{FieldError(path, fmt.Sprintf("length of %q is less than the minimum of %d", s, n))}
}

// StageNotAvailable is the placeholder stage LinkedIn rejects.
const StageNotAvailable = "Not Available"

// Stage checks an application stage: at least one character and not
// "Not Available" (rsc-api.md §2.5, §3.11). The placeholder is matched
// ignoring case and surrounding spaces, so "not available " is rejected
// too.
func Stage(path, s string) Violations {
	if vs := MinLength(path, s, 1); vs != nil {
		return vs
	}
	if strings.EqualFold(strings.TrimSpace(s), StageNotAvailable) {
		return Violations{FieldError(path, fmt.Sprintf("%q is not an allowed stage", s))}
	}
	return nil
}
