package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"attractor/internal/ats"
)

// Form is a submitted (or blank) form: the values to show again and, after
// a failed submit, the message and each field's problem. Field names are
// the service's wire names ("title", "emails"), so the problems ats
// returns land on the right inputs.
type Form struct {
	Values  url.Values
	Errors  map[string]string
	Message string
	code    string // the recorded error's code, for Status
}

// searchedForm is a form as a Search button (name=search, formmethod=get)
// sent it to its own page, so the page shows it again as it was around
// the people search's matches; ok is false for any other GET.
func searchedForm(r *http.Request) (q url.Values, ok bool) {
	q = r.URL.Query()
	return q, q.Get("search") != ""
}

// newForm parses r's form (query and body) into a Form.
func newForm(r *http.Request) (Form, error) {
	if err := r.ParseForm(); err != nil {
		return Form{}, ats.Errorf(ats.EINVALID, "The form could not be read.")
	}
	return Form{Values: r.Form}, nil
}

// Get returns a field's submitted value, trimmed of surrounding spaces.
func (f Form) Get(name string) string {
	return strings.TrimSpace(f.Values.Get(name))
}

// Has reports whether a field was submitted with the given value, for
// checkboxes and the selected option of a select.
func (f Form) Has(name, value string) bool {
	for _, v := range f.Values[name] {
		if v == value {
			return true
		}
	}
	return false
}

// Err returns a field's problem, "" when it has none.
func (f Form) Err(name string) string {
	return f.Errors[name]
}

// Failed records err on the form when it is the user's to fix (invalid
// input, a conflict, a refused action) and reports whether it did; other
// errors are the caller's to return.
func (f *Form) Failed(err error) bool {
	switch ats.ErrorCode(err) {
	case ats.EINVALID, ats.ECONFLICT, ats.EFORBIDDEN, ats.ETOOMANY, ats.ENOTFOUND:
		f.Message = ats.ErrorMessage(err)
		f.Errors = ats.ErrorFields(err)
		f.code = ats.ErrorCode(err)
		return true
	}
	return false
}

// Status is the status a re-rendered form answers with: that of the error
// Failed recorded (409 for a conflict, 403 for a refusal, 422 for invalid
// input…, through statusOf), 422 for problems set by hand, else 200.
func (f Form) Status() int {
	if f.code != "" {
		return statusOf(f.code)
	}
	if len(f.Errors) > 0 || f.Message != "" {
		return http.StatusUnprocessableEntity
	}
	return http.StatusOK
}

// fieldView is what the "field" partial renders: a labelled input (or
// textarea) with its value and its problem, tied together for screen
// readers with aria-describedby.
type fieldView struct {
	Name, Label, Type, Value, Error string
	Required                        bool
}

// newField is the template function "field": field FORM NAME LABEL TYPE
// ["required"]. TYPE is an input type or "textarea".
func newField(f Form, name, label, typ string, flags ...string) fieldView {
	v := fieldView{Name: name, Label: label, Type: typ, Value: f.Get(name), Error: f.Err(name)}
	for _, fl := range flags {
		v.Required = v.Required || fl == "required"
	}
	return v
}

// ID is the input's id attribute.
func (v fieldView) ID() string { return "f-" + v.Name }

// pageOf reads the offset query parameter of a list page; limit is the
// page size the list uses.
func pageOf(r *http.Request, limit int) (ats.Page, error) {
	p := ats.Page{Limit: limit}
	if raw := r.URL.Query().Get("offset"); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 0 || n > ats.MaxOffset {
			return p, ats.Errorf(ats.EINVALID, "The offset must be a whole number from 0 to %d.", ats.MaxOffset)
		}
		p.Offset = n
	}
	return p, nil
}

// Pager is the "pager" partial's view: which rows are shown and links to
// the neighbouring pages, keeping the list's other query parameters.
type Pager struct {
	From, To, Total  int
	PrevURL, NextURL string
}

// lastPage returns the last page of a list of total rows and true when p
// starts past its end (the rows it held were moved, deleted or filtered
// away since the link was made), so the caller shows that page instead of
// an empty one: it redirects to it (withOffset) or queries it again.
// Otherwise it returns p and false.
func lastPage(p ats.Page, total int) (ats.Page, bool) {
	if p.Offset == 0 || p.Offset < total || total <= 0 {
		return p, false
	}
	limit := ats.Page{Limit: p.Limit}.Normalize().Limit
	p.Offset = (total - 1) / limit * limit
	return p, true
}

// findPage runs find for page p and, when p starts past the end of a list
// that has rows and came back empty, runs it again for the last page
// (lastPage), so a stale link shows rows rather than an empty page. It
// returns the page it shows, for newPager.
func findPage[T any](p ats.Page, find func(ats.Page) ([]T, int, error)) ([]T, int, ats.Page, error) {
	list, total, err := find(p)
	if last, past := lastPage(p, total); past && err == nil && len(list) == 0 {
		p = last
		list, total, err = find(p)
	}
	return list, total, p, err
}

// newPager describes the page p of a list of total rows of which shown
// are on this page. An empty page past the end reads "0–0 of N" rather
// than claiming rows it does not show.
func newPager(r *http.Request, p ats.Page, shown, total int) Pager {
	pg := Pager{From: p.Offset + 1, To: p.Offset + shown, Total: total}
	if shown == 0 {
		pg.From, pg.To = 0, 0
	}
	if p.Offset > 0 {
		pg.PrevURL = withOffset(r, max(0, p.Offset-p.Limit))
	}
	if p.Offset+shown < total {
		pg.NextURL = withOffset(r, p.Offset+p.Limit)
	}
	return pg
}

// withOffset is r's URL with the offset parameter replaced.
func withOffset(r *http.Request, offset int) string {
	q := r.URL.Query()
	q.Set("offset", strconv.Itoa(offset))
	if offset == 0 {
		q.Del("offset")
	}
	u := url.URL{Path: r.URL.Path, RawQuery: q.Encode()}
	return u.String()
}

// localPath returns next, re-encoded, when it is a path on this site, and
// "/" otherwise: a sign-in or form link must not send the user to another
// site. Control characters and backslashes are refused outright, since
// browsers drop tabs and newlines from URLs and read "\" as "/", which
// turns "/\t/evil.example" into "//evil.example".
func localPath(next string) string {
	if strings.ContainsFunc(next, func(r rune) bool { return r < 0x20 || r == 0x7f || r == '\\' }) {
		return "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" ||
		!strings.HasPrefix(u.Path, "/") || strings.HasPrefix(u.Path, "//") {
		return "/"
	}
	return u.String()
}
