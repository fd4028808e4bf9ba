package web

import (
	"net/http"
	"net/url"
	"strings"

	"attractor/internal/ats"
)

// candidatePageSize is how many candidates the list shows per page.
const candidatePageSize = 25

// candidateIndexView is the candidate list with its search box.
type candidateIndexView struct {
	Base
	Query      string
	Form       Form
	Candidates []*ats.Candidate
	Pager      Pager
	CanCreate  bool
}

// handleCandidateIndex lists candidates, searched accent- and
// case-insensitively by name or email (the service folds the query).
func (s *Server) handleCandidateIndex(w http.ResponseWriter, r *http.Request) error {
	v := candidateIndexView{Base: s.base(r, "Candidates", "candidates"), Query: r.URL.Query().Get("q"),
		Form: Form{Values: r.URL.Query()}}
	v.CanCreate = v.User != nil && ats.Allowed(v.User.Role, ats.TeamNone, ats.ActionEditCandidate)
	p, err := pageOf(r, candidatePageSize)
	if err != nil {
		return err
	}
	list, total, p, err := findPage(p, func(p ats.Page) ([]*ats.Candidate, int, error) {
		return s.svc.FindCandidates(r.Context(), ats.CandidateFilter{Query: v.Query, Page: p})
	})
	if err != nil {
		if v.Form.Failed(err) && ats.ErrorCode(err) == ats.EINVALID {
			s.render(w, r, v.Form.Status(), "candidates", &v)
			return nil
		}
		return err
	}
	v.Candidates, v.Pager = list, newPager(r, p, len(list), total)
	return s.ok(w, r, "candidates", &v)
}

// candidateNewView is the form that adds a candidate.
type candidateNewView struct {
	Base
	Form Form
}

// handleCandidateNew shows the empty new-candidate form.
func (s *Server) handleCandidateNew(w http.ResponseWriter, r *http.Request) error {
	if _, err := candRequireRole(r, ats.ActionEditCandidate); err != nil {
		return err
	}
	v := candidateNewView{Base: s.base(r, "New candidate", "candidates"), Form: Form{Values: url.Values{}}}
	return s.ok(w, r, "candidate_new", &v)
}

// handleCandidateCreate adds a candidate and opens their profile; a
// failed submit shows the form again with the input kept.
func (s *Server) handleCandidateCreate(w http.ResponseWriter, r *http.Request) error {
	f, err := newForm(r)
	if err != nil {
		return err
	}
	c := candidateFromForm(f)
	created, err := s.svc.CreateCandidate(r.Context(), &c)
	if f.Failed(err) {
		v := candidateNewView{Base: s.base(r, "New candidate", "candidates"), Form: f}
		s.render(w, r, f.Status(), "candidate_new", &v)
		return nil
	} else if err != nil {
		return err
	}
	return s.redirect(w, r, "/candidates/"+created.ID, "Candidate added.")
}

// candRequireRole answers 403 when the signed-in user's system role does not
// allow a, before a form is shown that the service would refuse anyway.
func candRequireRole(r *http.Request, a ats.Action) (*ats.User, error) {
	u := ats.UserFromContext(r.Context())
	if u == nil || !ats.Allowed(u.Role, ats.TeamNone, a) {
		return u, ats.Errorf(ats.EFORBIDDEN, "You are not allowed to %s.", a.Describe())
	}
	return u, nil
}

// candidateFromForm reads the candidate form; field names are the
// service's wire names so its problems land on the right inputs. Lists
// (other emails, phones) are one entry per line.
func candidateFromForm(f Form) ats.Candidate {
	return ats.Candidate{
		FirstName: f.Get("first_name"), LastName: f.Get("last_name"), Email: f.Get("email"),
		OtherEmails: candLines(f.Get("other_emails")), Phones: candLines(f.Get("phones")),
		Address: ats.Address{Line1: f.Get("address.line1"), Line2: f.Get("address.line2"),
			City: f.Get("address.city"), Region: f.Get("address.region"),
			PostalCode: f.Get("address.postal_code"), CountryCode: f.Get("address.country_code")},
		Company: f.Get("current_company"), Title: f.Get("current_title"),
		LinkedInURL: f.Get("linkedin_profile_url"), PersonURN: f.Get("linkedin_person_urn"),
		Source: f.Get("source"), DoNotContact: f.Has("do_not_contact", "on"),
	}
}

// candidateUpdateOf turns the edit form into an update of every field,
// since the form always shows them all.
func candidateUpdateOf(f Form) ats.CandidateUpdate {
	c := candidateFromForm(f)
	return ats.CandidateUpdate{FirstName: &c.FirstName, LastName: &c.LastName, Email: &c.Email,
		OtherEmails: &c.OtherEmails, Phones: &c.Phones, Address: &c.Address, Company: &c.Company,
		Title: &c.Title, LinkedInURL: &c.LinkedInURL, PersonURN: &c.PersonURN, Source: &c.Source,
		DoNotContact: &c.DoNotContact}
}

// candidateValues fills the edit form from a stored candidate.
func candidateValues(c *ats.Candidate) url.Values {
	v := url.Values{}
	set := func(k, val string) { v.Set(k, val) }
	set("first_name", c.FirstName)
	set("last_name", c.LastName)
	set("email", c.Email)
	set("other_emails", strings.Join(c.OtherEmails, "\n"))
	set("phones", strings.Join(c.Phones, "\n"))
	set("address.line1", c.Address.Line1)
	set("address.line2", c.Address.Line2)
	set("address.city", c.Address.City)
	set("address.region", c.Address.Region)
	set("address.postal_code", c.Address.PostalCode)
	set("address.country_code", c.Address.CountryCode)
	set("current_company", c.Company)
	set("current_title", c.Title)
	set("linkedin_profile_url", c.LinkedInURL)
	set("linkedin_person_urn", c.PersonURN)
	set("source", c.Source)
	if c.DoNotContact {
		set("do_not_contact", "on")
	}
	return v
}

// candLines splits a textarea into its non-empty lines.
func candLines(s string) []string {
	out := []string{}
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}
