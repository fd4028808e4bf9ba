package linkedinsim

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"attractor/internal/linkedinsim/restli"
)

// Candidate is a synced ATS candidate (rsc-api.md §3.6). Body is the
// CandidateRecord as last sent, without manualMatchedMember, which lives in
// its own field because a partial update or the profile widget sets it.
// AppID is the ATS instance that synced it.
type Candidate struct {
	AppID               int64
	OrganizationID      int64
	ATSCandidateID      string
	Body                json.RawMessage
	ManualMatchedMember string // urn:li:person:…, "" for none
	CreatedAt           time.Time
	UpdatedAt           time.Time
}

// Key returns the candidate's key.
func (c *Candidate) Key() RecordKey {
	return RecordKey{AppID: c.AppID, OrganizationID: c.OrganizationID, ID: c.ATSCandidateID}
}

// Record decodes the stored record.
func (c *Candidate) Record() (CandidateRecord, error) {
	var r CandidateRecord
	err := json.Unmarshal(c.Body, &r)
	return r, err
}

// Address is a candidate address (rsc-api.md §3.6).
type Address struct {
	Line1              *string `json:"line1,omitempty"`
	Line2              *string `json:"line2,omitempty"`
	City               *string `json:"city,omitempty"`
	GeographicArea     *string `json:"geographicArea,omitempty"`
	GeographicAreaType *string `json:"geographicAreaType,omitempty"`
	PostalCode         *string `json:"postalCode,omitempty"`
	Country            *string `json:"country,omitempty"`
}

// PhoneNumber is a candidate phone number.
type PhoneNumber struct {
	Number    *string `json:"number,omitempty"`
	Extension *string `json:"extension,omitempty"`
}

// CandidateRecord is an atsCandidates entity (rsc-api.md §3.6).
type CandidateRecord struct {
	ATSCreatedAt        *int64         `json:"atsCreatedAt,omitempty"`
	ATSLastModifiedAt   *int64         `json:"atsLastModifiedAt,omitempty"`
	Addresses           *[]Address     `json:"addresses,omitempty"`
	PhoneNumbers        *[]PhoneNumber `json:"phoneNumbers,omitempty"`
	EmailAddresses      *[]string      `json:"emailAddresses,omitempty"`
	FirstName           *string        `json:"firstName,omitempty"`
	LastName            *string        `json:"lastName,omitempty"`
	MiddleInitial       *string        `json:"middleInitial,omitempty"`
	Prefix              *string        `json:"prefix,omitempty"`
	Suffix              *string        `json:"suffix,omitempty"`
	ExternalProfileURL  *string        `json:"externalProfileUrl,omitempty"`
	LinkedInProfileURL  *string        `json:"linkedInProfileUrl,omitempty"`
	CurrentCompanyName  *string        `json:"currentCompanyName,omitempty"`
	CurrentJobTitle     *string        `json:"currentJobTitle,omitempty"`
	DoNotContact        *bool          `json:"doNotContact,omitempty"`
	ManualMatchedMember *string        `json:"manualMatchedMember,omitempty"`
}

// validate applies the documented rules; matched tells whether a person
// URN is attached (in the body or already stored), which makes
// emailAddresses optional.
func (c *CandidateRecord) validate(matched bool) restli.Violations {
	vs := timestamps(c.ATSCreatedAt, c.ATSLastModifiedAt)
	vs = append(vs, restli.Required("/addresses", c.Addresses != nil)...)
	vs = append(vs, restli.Required("/phoneNumbers", c.PhoneNumbers != nil)...)
	if c.PhoneNumbers != nil {
		for i, p := range *c.PhoneNumbers {
			vs = append(vs, requiredText(restli.FieldPath("phoneNumbers", i, "number"), p.Number)...)
		}
	}
	vs = append(vs, restli.Required("/emailAddresses", c.EmailAddresses != nil || matched || c.ManualMatchedMember != nil)...)
	if c.EmailAddresses != nil {
		for i, e := range *c.EmailAddresses {
			vs = append(vs, restli.Email(restli.FieldPath("emailAddresses", i), e)...)
		}
	}
	vs = append(vs, requiredText("/firstName", c.FirstName)...)
	vs = append(vs, requiredText("/lastName", c.LastName)...)
	vs = append(vs, requiredURL("/externalProfileUrl", c.ExternalProfileURL)...)
	vs = append(vs, optionalURL("/linkedInProfileUrl", c.LinkedInProfileURL)...)
	if c.ManualMatchedMember != nil {
		vs = append(vs, personURN("/manualMatchedMember", *c.ManualMatchedMember)...)
	}
	return vs
}

// personURN checks the shape of urn:li:person:{id}.
func personURN(path, s string) restli.Violations {
	id, ok := strings.CutPrefix(s, personURNPrefix)
	if !ok || id == "" || strings.ContainsAny(id, ": /") {
		return restli.Violations{restli.FieldError(path, fmt.Sprintf("%q is not an urn:li:person", s))}
	}
	return nil
}

// SyncCandidates implements atsCandidates batch_update (rsc-api.md §3.6):
// a full replace of each candidate. Invalid entities get a 422 error in
// their slot; valid ones are written together. A manualMatchedMember in
// the body sets the manual match; a body without one keeps it.
func (s *Service) SyncCandidates(ctx context.Context, app *App, ws []EntityWrite) ([]error, error) {
	ws = scopeWrites(app, ws)
	keys := writeKeys(ws)
	if err := s.authorizeOrgs(ctx, app, keyOrgs(keys)...); err != nil {
		return nil, err
	}
	stored, err := s.store.FindCandidates(ctx, keys)
	if err != nil {
		return nil, err
	}
	errs := make([]error, len(ws))
	var put []*Candidate
	now := s.now()
	for i, w := range ws {
		var rec CandidateRecord
		vs := decodeRecord(w.Body, &rec)
		if vs == nil {
			vs = rec.validate(stored[i] != nil && stored[i].ManualMatchedMember != "")
		}
		if vs == nil && rec.ManualMatchedMember != nil {
			vs, err = s.memberExists(ctx, "/manualMatchedMember", *rec.ManualMatchedMember)
			if err != nil {
				return nil, err
			}
		}
		if errs[i] = unprocessable(vs); errs[i] != nil {
			continue
		}
		c := &Candidate{AppID: w.Key.AppID, OrganizationID: w.Key.OrganizationID, ATSCandidateID: w.Key.ID,
			CreatedAt: now, UpdatedAt: now}
		if rec.ManualMatchedMember != nil {
			c.ManualMatchedMember = *rec.ManualMatchedMember
			rec.ManualMatchedMember = nil
		}
		c.Body = canonical(rec)
		put = append(put, c)
	}
	if len(put) > 0 {
		if err := s.store.PutCandidates(ctx, put); err != nil {
			return nil, err
		}
	}
	return errs, nil
}

// memberExists reports a 422 violation when no member has urn.
func (s *Service) memberExists(ctx context.Context, path, urn string) (restli.Violations, error) {
	ok, err := s.store.PersonExists(ctx, urn)
	if err != nil || ok {
		return nil, err
	}
	return restli.Violations{restli.FieldError(path, fmt.Sprintf("member %q does not exist", urn))}, nil
}

// CandidateMatches is a candidate with its matches as the matches finder
// returns them (rsc-api.md §3.6 "Retrieve matches").
type CandidateMatches struct {
	Candidate      *Candidate
	MatchedMembers []string // person URNs found by the matching algorithm
}

// CandidateMatchesFor reads candidates with their matches, aligned with
// keys (nil when not synced).
//
// matchedMembers holds the member the matching engine links the
// candidate to with confidence (an exact match on email, profile URL or
// member id), else nothing: name-only suggestions are for a person to
// confirm in the profile widget, not links an ATS should store (an ATS
// keeps the person URN it reads here). The manual match is reported
// separately and overrides it for the caller.
func (s *Service) CandidateMatchesFor(ctx context.Context, app *App, keys []RecordKey) ([]*CandidateMatches, error) {
	keys = scopeKeys(app, keys)
	if err := s.authorizeOrgs(ctx, app, keyOrgs(keys)...); err != nil {
		return nil, err
	}
	cs, err := s.store.FindCandidates(ctx, keys)
	if err != nil {
		return nil, err
	}
	out := make([]*CandidateMatches, len(cs))
	for i, c := range cs {
		if c == nil {
			continue
		}
		rec, err := c.Record()
		if err != nil {
			return nil, fmt.Errorf("decode candidate %s: %w", c.Key(), err)
		}
		m, _, err := s.exactMatch(ctx, rec.facts())
		if err != nil {
			return nil, err
		}
		out[i] = &CandidateMatches{Candidate: c, MatchedMembers: []string{}}
		if m != nil {
			out[i].MatchedMembers = []string{m.PersonURN}
		}
	}
	return out, nil
}

// facts extracts what the matching engine (match.go) matches on.
func (c CandidateRecord) facts() CandidateFacts {
	str := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	f := CandidateFacts{FirstName: str(c.FirstName), LastName: str(c.LastName),
		Company: str(c.CurrentCompanyName), Title: str(c.CurrentJobTitle),
		ProfileURL: str(c.LinkedInProfileURL)}
	if c.EmailAddresses != nil {
		f.Emails = *c.EmailAddresses
	}
	if c.PhoneNumbers != nil && len(*c.PhoneNumbers) > 0 {
		f.Phone = str((*c.PhoneNumbers)[0].Number)
	}
	if c.Addresses != nil && len(*c.Addresses) > 0 {
		a := (*c.Addresses)[0]
		f.Location = strings.Trim(str(a.City)+", "+str(a.GeographicArea), ", ")
	}
	return f
}

// PatchCandidates implements atsCandidates batch_partial_update
// (rsc-api.md §3.6 "Attach Person URN"): only manualMatchedMember may be
// set ($set) or removed ($delete). A candidate not synced is ENOTFOUND in
// its slot; a bad patch is EINVALID, a bad or unknown person URN
// EUNPROCESSABLE.
func (s *Service) PatchCandidates(ctx context.Context, app *App, ws []EntityWrite) ([]error, error) {
	ws = scopeWrites(app, ws)
	keys := writeKeys(ws)
	if err := s.authorizeOrgs(ctx, app, keyOrgs(keys)...); err != nil {
		return nil, err
	}
	stored, err := s.store.FindCandidates(ctx, keys)
	if err != nil {
		return nil, err
	}
	errs := make([]error, len(ws))
	var setKeys []RecordKey
	var members []string
	for i, w := range ws {
		member, err := s.matchPatch(ctx, w.Body)
		switch {
		case err != nil && ErrorCode(err) == EINTERNAL:
			return nil, err
		case err != nil:
			errs[i] = err
		case stored[i] == nil:
			errs[i] = Errorf(ENOTFOUND, "Candidate %s not found.", w.Key.ID)
		default:
			setKeys, members = append(setKeys, w.Key), append(members, member)
		}
	}
	if len(setKeys) > 0 {
		if err := s.store.SetCandidateMatches(ctx, setKeys, members, s.now()); err != nil {
			return nil, err
		}
	}
	return errs, nil
}

// matchPatch reads a manualMatchedMember patch: the URN to set, or "" to
// remove the manual match.
func (s *Service) matchPatch(ctx context.Context, raw json.RawMessage) (string, error) {
	p, err := restli.DecodePatch(raw)
	if err != nil {
		return "", Errorf(EINVALID, "%s", restli.AsError(err).Message)
	}
	for f := range p.Set {
		if f != "manualMatchedMember" {
			return "", unprocessable(restli.Violations{restli.FieldError("/"+f, "field cannot be changed by a partial update; only manualMatchedMember can")})
		}
	}
	for _, f := range p.Delete {
		if f != "manualMatchedMember" {
			return "", unprocessable(restli.Violations{restli.FieldError("/"+f, "field cannot be deleted by a partial update")})
		}
	}
	raw, ok := p.Set["manualMatchedMember"]
	if !ok {
		return "", nil
	}
	var urn string
	if err := json.Unmarshal(raw, &urn); err != nil {
		return "", unprocessable(restli.Violations{restli.FieldError("/manualMatchedMember", "must be a string")})
	}
	if vs := personURN("/manualMatchedMember", urn); vs != nil {
		return "", unprocessable(vs)
	}
	vs, err := s.memberExists(ctx, "/manualMatchedMember", urn)
	if err != nil {
		return "", err
	}
	if vs != nil {
		return "", unprocessable(vs)
	}
	return urn, nil
}

// DeleteCandidates implements atsCandidates batch_delete: the candidates
// and their notes go (rsc-api.md §6.6). An unknown key is ENOTFOUND in its
// slot.
func (s *Service) DeleteCandidates(ctx context.Context, app *App, keys []RecordKey) ([]error, error) {
	keys = scopeKeys(app, keys)
	if err := s.authorizeOrgs(ctx, app, keyOrgs(keys)...); err != nil {
		return nil, err
	}
	found, err := s.store.DeleteCandidates(ctx, keys)
	if err != nil {
		return nil, err
	}
	return notFoundErrs(found, keys, "Candidate"), nil
}

// notFoundErrs turns a Delete's found flags into per-key errors.
func notFoundErrs(found []bool, keys []RecordKey, what string) []error {
	errs := make([]error, len(found))
	for i, ok := range found {
		if !ok {
			errs[i] = Errorf(ENOTFOUND, "%s %s not found.", what, keys[i].ID)
		}
	}
	return errs
}
