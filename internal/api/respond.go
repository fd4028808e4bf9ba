package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"runtime/debug"

	"attractor/internal/ats"
)

// handlerFunc is the shape of every API handler: it parses, calls the
// service, renders, and returns any error for the adapter to report.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// API-only error codes, beside the domain's. They describe the request
// itself rather than the data, so the domain never returns them.
const (
	codeBadRequest       = "bad_request"
	codeMethodNotAllowed = "method_not_allowed"
)

// statusOf is the one code→status table of the API. Codes not listed
// (including ats.EINTERNAL and anything that is not an *ats.Error) are 500.
func statusOf(code string) int {
	switch code {
	case ats.EINVALID:
		return http.StatusUnprocessableEntity
	case codeBadRequest:
		return http.StatusBadRequest
	case ats.ENOTFOUND:
		return http.StatusNotFound
	case ats.ECONFLICT:
		return http.StatusConflict
	case ats.EUNAUTHORIZED:
		return http.StatusUnauthorized
	case ats.EFORBIDDEN:
		return http.StatusForbidden
	case ats.ETOOMANY:
		return http.StatusTooManyRequests
	case ats.ETOOLARGE:
		return http.StatusRequestEntityTooLarge
	case codeMethodNotAllowed:
		return http.StatusMethodNotAllowed
	}
	return http.StatusInternalServerError
}

// internalError is what clients see of any unexpected failure.
func internalError() error {
	return &ats.Error{Code: ats.EINTERNAL, Message: "Internal error."}
}

// json adapts h: it caps the body, and reports a returned error once —
// logged when it is a 5xx, rendered as the JSON error body. A panic is
// logged with its stack and answered like an internal error, so one bad
// request neither kills the connection nor shows the client a trace.
func (s *Server) json(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, maxBody)
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.logger.Error("panic serving request", slog.Any("panic", v),
					slog.String("stack", string(debug.Stack())), requestGroup(r))
				writeError(w, internalError())
			}
		}()
		if err := h(w, r); err != nil {
			s.fail(w, r, err)
		}
	})
}

// fail logs internal errors with their detail and answers with the
// client-safe form of err.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	if statusOf(ats.ErrorCode(err)) >= 500 {
		s.logger.Error("internal error", slog.String("error", err.Error()), requestGroup(r))
		err = internalError()
	}
	if ats.ErrorCode(err) == ats.EUNAUTHORIZED {
		w.Header().Set("WWW-Authenticate", `Bearer realm="attractor"`)
	}
	writeError(w, err)
}

// errorBody is the wire form of every error.
type errorBody struct {
	Error errorDetail `json:"error"`
}

// errorDetail carries the code, a sentence for people and, for invalid
// input, the problem per field keyed by its wire name.
type errorDetail struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
}

// writeError renders err; callers have already made internal errors safe.
func writeError(w http.ResponseWriter, err error) {
	code := ats.ErrorCode(err)
	body := errorBody{Error: errorDetail{Code: code, Message: ats.ErrorMessage(err), Fields: ats.ErrorFields(err)}}
	if code == ats.ETOOMANY {
		w.Header().Set("Retry-After", "30") // one sign-in attempt refills in 30 s
	}
	_ = encode(w, statusOf(code), body)
}

// encode writes v as JSON with status. Responses may hold personal data,
// so they are never cached.
func encode(w http.ResponseWriter, status int, v any) error {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	return json.NewEncoder(w).Encode(v)
}

// noContent answers a successful delete.
func noContent(w http.ResponseWriter) error {
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// badRequest reports a body the server cannot read as a request at all.
func badRequest(msg string, fields map[string]string) error {
	return &ats.Error{Code: codeBadRequest, Message: msg, Fields: fields}
}

// decode reads the request body as one JSON object of type T. Unknown
// fields, wrong types, trailing data and empty bodies are client mistakes
// (400); a body over the limit is 413. Whether the values make sense is the
// service's call.
func decode[T any](r *http.Request) (T, error) {
	var v T
	data, err := io.ReadAll(r.Body)
	if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
		return v, ats.Errorf(ats.ETOOLARGE, "The request body is larger than 1 MiB.")
	} else if err != nil {
		return v, badRequest("The request body could not be read.", nil)
	}
	if trimmed := bytes.TrimSpace(data); len(trimmed) == 0 {
		return v, badRequest("A JSON request body is required.", nil)
	} else if trimmed[0] != '{' {
		return v, badRequest("The request body must be a JSON object.", nil)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		return v, decodeError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return v, badRequest("The request body must hold a single JSON object.", nil)
	}
	return v, nil
}

// decodeError explains a json error without echoing Go type names.
func decodeError(err error) error {
	if te, ok := errors.AsType[*json.UnmarshalTypeError](err); ok {
		field := te.Field
		if field == "" {
			field = "body"
		}
		return badRequest("Field "+field+" has the wrong type.",
			map[string]string{field: "Expected " + jsonKind(te.Type.Kind().String()) + ", got " + te.Value + "."})
	}
	if name, ok := unknownField(err); ok {
		return badRequest("Unknown field "+name+".", map[string]string{name: "Unknown field."})
	}
	if se, ok := errors.AsType[*json.SyntaxError](err); ok {
		return badRequest(fmt.Sprintf("The request body is not valid JSON (at byte %d).", se.Offset), nil)
	}
	return badRequest("The request body is not valid JSON.", nil)
}
