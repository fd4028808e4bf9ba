package store

import (
	"strconv"
	"strings"

	"attractor/internal/ats"
	"attractor/internal/store/dbq"
)

// CreateCandidate stores c and claims each of its email addresses; an
// address any candidate already has, as primary or other, in any case, is
// ECONFLICT naming it. An empty Number is assigned from the "candidate"
// counter as C-<n>; an empty SearchKey is derived from the name and emails.
func (t *tx) CreateCandidate(c *ats.Candidate) error {
	if err := t.prepareCandidate(c); err != nil {
		return err
	}
	if err := t.checkEmails(c); err != nil {
		return err
	}
	p, err := candidateParams(c)
	if err != nil {
		return err
	}
	n, err := t.q.CreateCandidate(t.ctx, createCandidateParams(c, p))
	if err != nil {
		return wrap(err, "create candidate")
	}
	if n == 0 {
		return conflict("A candidate with the number %s already exists.", c.Number)
	}
	if err := t.claimEmails(c); err != nil {
		return err
	}
	return t.record(ats.OutboxUpsert, ref{ats.EntityCandidate, c.ID, "", ""})
}

// prepareCandidate fills the id, number and creation time of a new
// candidate.
func (t *tx) prepareCandidate(c *ats.Candidate) error {
	if err := newID(&c.ID); err != nil {
		return err
	}
	if c.Number == "" {
		n, err := t.NextNumber("candidate")
		if err != nil {
			return err
		}
		c.Number = "C-" + strconv.FormatInt(n, 10)
	}
	t.stampNew(&c.CreatedAt, &c.UpdatedAt)
	return nil
}

// candidateParams normalises c for writing (empty lists, search key) and
// returns the columns a create and an update share; the caller has stamped
// UpdatedAt.
func candidateParams(c *ats.Candidate) (dbq.UpdateCandidateParams, error) {
	c.OtherEmails, c.Phones = emptyIfNil(c.OtherEmails), emptyIfNil(c.Phones)
	if c.SearchKey == "" {
		c.SearchKey = ats.SearchKey(append([]string{c.FirstName + " " + c.LastName}, c.Emails()...)...)
	}
	others, err := encodeJSON(c.OtherEmails)
	if err != nil {
		return dbq.UpdateCandidateParams{}, err
	}
	phones, err := encodeJSON(c.Phones)
	if err != nil {
		return dbq.UpdateCandidateParams{}, err
	}
	a := c.Address
	return dbq.UpdateCandidateParams{
		ID: c.ID, FirstName: c.FirstName, LastName: c.LastName, Email: c.Email, OtherEmails: others,
		Phones: phones, AddressLine1: a.Line1, AddressLine2: a.Line2, AddressCity: a.City,
		AddressRegion: a.Region, AddressPostalCode: a.PostalCode, AddressCountry: a.CountryCode,
		Company: c.Company, Title: c.Title, LinkedinUrl: c.LinkedInURL, PersonUrn: c.PersonURN,
		Source: c.Source, DoNotContact: c.DoNotContact, SearchKey: c.SearchKey, UpdatedAt: c.UpdatedAt,
	}, nil
}

func createCandidateParams(c *ats.Candidate, p dbq.UpdateCandidateParams) dbq.CreateCandidateParams {
	return dbq.CreateCandidateParams{
		ID: p.ID, Number: c.Number, FirstName: p.FirstName, LastName: p.LastName, Email: p.Email,
		OtherEmails: p.OtherEmails, Phones: p.Phones, AddressLine1: p.AddressLine1,
		AddressLine2: p.AddressLine2, AddressCity: p.AddressCity, AddressRegion: p.AddressRegion,
		AddressPostalCode: p.AddressPostalCode, AddressCountry: p.AddressCountry, Company: p.Company,
		Title: p.Title, LinkedinUrl: p.LinkedinUrl, PersonUrn: p.PersonUrn, Source: p.Source,
		DoNotContact: p.DoNotContact, SearchKey: p.SearchKey, CreatedBy: c.CreatedBy,
		CreatedAt: c.CreatedAt, UpdatedAt: p.UpdatedAt,
	}
}

// checkEmails reports the first of c's addresses that belongs to another
// candidate, before anything is written.
func (t *tx) checkEmails(c *ats.Candidate) error {
	for _, e := range c.Emails() {
		owner, err := t.q.GetCandidateEmailOwner(t.ctx, ats.NormalizeEmail(e))
		if clash, err := takenBy(owner, err, c.ID); err != nil {
			return wrap(err, "check candidate email")
		} else if clash {
			return conflict("A candidate with the email %s already exists.", e)
		}
	}
	return nil
}

// claimEmails records c's addresses in candidate_emails, whose primary key
// is the uniqueness rule; zero rows means a concurrent writer won the race
// (or c lists one address twice).
func (t *tx) claimEmails(c *ats.Candidate) error {
	for _, e := range c.Emails() {
		n, err := t.q.InsertCandidateEmail(t.ctx, dbq.InsertCandidateEmailParams{EmailKey: ats.NormalizeEmail(e), CandidateID: c.ID})
		if err != nil {
			return wrap(err, "claim candidate email")
		}
		if n == 0 {
			return conflict("A candidate with the email %s already exists.", e)
		}
	}
	return nil
}

// FindCandidateByID returns the candidate with id, or ENOTFOUND.
func (t *tx) FindCandidateByID(id string) (*ats.Candidate, error) {
	row, err := t.q.GetCandidate(t.ctx, id)
	if err != nil {
		return nil, lookup(err, "Candidate", "find candidate")
	}
	return candidateFromRow(row)
}

// FindCandidateByNumber returns the candidate with the human number.
func (t *tx) FindCandidateByNumber(number string) (*ats.Candidate, error) {
	row, err := t.q.GetCandidateByNumber(t.ctx, number)
	if err != nil {
		return nil, lookup(err, "Candidate", "find candidate by number")
	}
	return candidateFromRow(row)
}

// FindCandidates returns a page of candidates, newest first, and the total
// count. A non-empty Query (folded again here, which is harmless) must be a
// substring of the search key; search.go picks the engine's fastest way.
func (t *tx) FindCandidates(f ats.CandidateFilter) ([]*ats.Candidate, int, error) {
	limit, offset := page(f.Page)
	var rows []dbq.Candidate
	var total int64
	var err error
	if q := ats.FoldQuery(f.Query); q != "" {
		rows, total, err = t.search.findCandidates(t, q, limit, offset)
	} else {
		rows, total, err = t.listCandidates(limit, offset)
	}
	if err != nil {
		return nil, 0, err
	}
	out, err := candidatesFromRows(rows)
	return out, int(total), err
}

func (t *tx) listCandidates(limit, offset int32) ([]dbq.Candidate, int64, error) {
	rows, err := t.q.ListCandidates(t.ctx, dbq.ListCandidatesParams{Limit: limit, Offset: offset})
	if err != nil {
		return nil, 0, wrap(err, "find candidates")
	}
	total, err := t.q.CountCandidates(t.ctx)
	if err != nil {
		return nil, 0, wrap(err, "count candidates")
	}
	return rows, total, nil
}

// UpdateCandidate saves every field of c but its number and creation
// details, re-claims its addresses and queues it for sync, with its
// applications when its name or email changed (they repeat both).
func (t *tx) UpdateCandidate(c *ats.Candidate) error {
	if err := t.checkEmails(c); err != nil {
		return err
	}
	old, err := t.q.GetCandidateSyncFields(t.ctx, c.ID)
	if err != nil {
		return lookup(err, "Candidate", "find candidate")
	}
	t.stamp(&c.UpdatedAt)
	p, err := candidateParams(c)
	if err != nil {
		return err
	}
	n, err := t.q.UpdateCandidate(t.ctx, p)
	if err := changed(n, err, "Candidate", "update candidate"); err != nil {
		return err
	}
	if err := t.q.DeleteCandidateEmails(t.ctx, c.ID); err != nil {
		return wrap(err, "release candidate emails")
	}
	if err := t.claimEmails(c); err != nil {
		return err
	}
	if err := t.record(ats.OutboxUpsert, ref{ats.EntityCandidate, c.ID, "", ""}); err != nil {
		return err
	}
	return t.queueRepeatedCandidate(c, old)
}

// queueRepeatedCandidate queues the candidate's applications when what
// they repeat of the candidate changed from old: one coalesced row each,
// so a burst of edits stays one send per application.
func (t *tx) queueRepeatedCandidate(c *ats.Candidate, old dbq.GetCandidateSyncFieldsRow) error {
	if old == (dbq.GetCandidateSyncFieldsRow{FirstName: c.FirstName, LastName: c.LastName, Email: c.Email}) {
		return nil
	}
	n, err := t.q.QueueCandidateApplications(t.ctx, dbq.QueueCandidateApplicationsParams{Now: t.now, CandidateID: c.ID})
	return t.queuedRows(n, err, "queue candidate applications")
}

// DeleteCandidate removes the candidate with their applications (and what
// hangs off them), notes and pool memberships, recording an outbox delete
// for every synced entity that disappears.
func (t *tx) DeleteCandidate(id string) error {
	if _, err := t.FindCandidateByID(id); err != nil {
		return err
	}
	apps, err := t.q.ListApplicationIDsByCandidate(t.ctx, id)
	if err != nil {
		return wrap(err, "find candidate applications")
	}
	for _, appID := range apps {
		if err := t.dropApplication(appID); err != nil {
			return err
		}
	}
	if err := t.dropNotesOf(ats.SubjectCandidate, id); err != nil {
		return err
	}
	if err := t.record(ats.OutboxDelete, ref{ats.EntityCandidate, id, "", ""}); err != nil {
		return err
	}
	n, err := t.q.DeleteCandidate(t.ctx, id)
	return changed(n, err, "Candidate", "delete candidate")
}

// CandidateOnTeamOf reports whether the candidate has an application on a
// job where the user holds a seat.
func (t *tx) CandidateOnTeamOf(candidateID, userID string) (bool, error) {
	ok, err := t.q.CandidateOnTeamOf(t.ctx, dbq.CandidateOnTeamOfParams{CandidateID: candidateID, UserID: userID})
	if err != nil {
		return false, wrap(err, "check candidate team")
	}
	return ok, nil
}

// likePattern turns a folded query into a LIKE pattern matching it as a
// substring, escaping LIKE's own wildcards (the queries say ESCAPE '\').
// An empty query gives "", which the queries read as "no filter".
func likePattern(q string) string {
	if q == "" {
		return ""
	}
	return "%" + likeEscaper.Replace(q) + "%"
}

var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

func candidatesFromRows(rows []dbq.Candidate) ([]*ats.Candidate, error) {
	out := make([]*ats.Candidate, len(rows))
	for i, r := range rows {
		c, err := candidateFromRow(r)
		if err != nil {
			return nil, err
		}
		out[i] = c
	}
	return out, nil
}

func candidateFromRow(r dbq.Candidate) (*ats.Candidate, error) {
	others, err := decodeJSON[string](r.OtherEmails)
	if err != nil {
		return nil, err
	}
	phones, err := decodeJSON[string](r.Phones)
	if err != nil {
		return nil, err
	}
	return &ats.Candidate{
		ID: r.ID, Number: r.Number, FirstName: r.FirstName, LastName: r.LastName, Email: r.Email,
		OtherEmails: others, Phones: phones,
		Address: ats.Address{Line1: r.AddressLine1, Line2: r.AddressLine2, City: r.AddressCity,
			Region: r.AddressRegion, PostalCode: r.AddressPostalCode, CountryCode: r.AddressCountry},
		Company: r.Company, Title: r.Title, LinkedInURL: r.LinkedinUrl, PersonURN: r.PersonUrn,
		Source: r.Source, DoNotContact: r.DoNotContact, SearchKey: r.SearchKey, CreatedBy: r.CreatedBy,
		CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
	}, nil
}
