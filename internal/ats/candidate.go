package ats

import "time"

// Candidate is a person, independent of any job.
type Candidate struct {
	ID           string    `json:"id"`
	Number       string    `json:"number"`
	FirstName    string    `json:"first_name"`
	LastName     string    `json:"last_name"`
	Email        string    `json:"email"`
	OtherEmails  []string  `json:"other_emails"`
	Phones       []string  `json:"phones"`
	Address      Address   `json:"address"`
	Company      string    `json:"current_company"`
	Title        string    `json:"current_title"`
	LinkedInURL  string    `json:"linkedin_profile_url"`
	PersonURN    string    `json:"linkedin_person_urn"`
	Source       string    `json:"source"`
	DoNotContact bool      `json:"do_not_contact"`
	SearchKey    string    `json:"-"`
	CreatedBy    string    `json:"created_by"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// Address is a candidate's postal address.
type Address struct {
	Line1       string `json:"line1"`
	Line2       string `json:"line2"`
	City        string `json:"city"`
	Region      string `json:"region"`
	PostalCode  string `json:"postal_code"`
	CountryCode string `json:"country_code"`
}

// Emails returns the primary and other addresses, primary first.
func (c *Candidate) Emails() []string {
	out := make([]string, 0, 1+len(c.OtherEmails))
	if c.Email != "" {
		out = append(out, c.Email)
	}
	return append(out, c.OtherEmails...)
}

// CandidateUpdate changes a candidate; nil fields stay as they are.
type CandidateUpdate struct {
	FirstName    *string   `json:"first_name"`
	LastName     *string   `json:"last_name"`
	Email        *string   `json:"email"`
	OtherEmails  *[]string `json:"other_emails"`
	Phones       *[]string `json:"phones"`
	Address      *Address  `json:"address"`
	Company      *string   `json:"current_company"`
	Title        *string   `json:"current_title"`
	LinkedInURL  *string   `json:"linkedin_profile_url"`
	PersonURN    *string   `json:"linkedin_person_urn"`
	Source       *string   `json:"source"`
	DoNotContact *bool     `json:"do_not_contact"`
}

// CandidateFilter selects candidates. Query is matched, accent- and
// case-insensitively, against names and email addresses.
type CandidateFilter struct {
	Query string
	Page
}

// Limits on candidate fields.
const (
	MaxName   = 100
	MaxEmails = 10
	MaxPhones = 10
)

// validate normalises c and records what is wrong with it.
func (c *Candidate) validate(p Problems) {
	c.FirstName, c.LastName = cleanLine(c.FirstName), cleanLine(c.LastName)
	checkText(p, "first_name", c.FirstName, MaxName, true)
	checkText(p, "last_name", c.LastName, MaxName, true)
	c.Email = cleanLine(c.Email)
	if c.Email != "" && !validEmail(c.Email) {
		p.Add("email", "Email address is not valid.")
	}
	c.OtherEmails = cleanList(p, "other_emails", c.OtherEmails, MaxEmails, 254)
	for _, e := range c.OtherEmails {
		if !validEmail(e) {
			p.Add("other_emails", "Email address is not valid: "+e)
		}
	}
	c.checkDistinctEmails(p)
	c.Phones = cleanList(p, "phones", c.Phones, MaxPhones, 40)
	c.Address.validate(p)
	c.validateProfile(p)
	c.SearchKey = SearchKey(append([]string{c.FirstName + " " + c.LastName}, c.Emails()...)...)
}

func (c *Candidate) validateProfile(p Problems) {
	c.Company, c.Title, c.Source = cleanLine(c.Company), cleanLine(c.Title), cleanLine(c.Source)
	checkText(p, "current_company", c.Company, 200, false)
	checkText(p, "current_title", c.Title, 200, false)
	checkText(p, "source", c.Source, 100, false)
	c.LinkedInURL, c.PersonURN = cleanLine(c.LinkedInURL), cleanLine(c.PersonURN)
	checkText(p, "linkedin_profile_url", c.LinkedInURL, 500, false)
	if c.LinkedInURL != "" && !isHTTPURL(c.LinkedInURL) {
		p.Add("linkedin_profile_url", "LinkedIn profile URL must be an http(s) URL.")
	}
	if c.PersonURN != "" && !isPersonURN(c.PersonURN) {
		p.Add("linkedin_person_urn", "LinkedIn person URN must look like urn:li:person:ID.")
	}
}

func (c *Candidate) checkDistinctEmails(p Problems) {
	seen := map[string]bool{}
	for _, e := range c.Emails() {
		if k := NormalizeEmail(e); seen[k] {
			p.Add("other_emails", "Each email address may be given once: "+e)
		} else {
			seen[k] = true
		}
	}
}

func (a *Address) validate(p Problems) {
	for _, f := range []struct {
		name string
		v    *string
		max  int
	}{{"address.line1", &a.Line1, 200}, {"address.line2", &a.Line2, 200}, {"address.city", &a.City, 100},
		{"address.region", &a.Region, 100}, {"address.postal_code", &a.PostalCode, 20}} {
		*f.v = cleanLine(*f.v)
		checkText(p, f.name, *f.v, f.max, false)
	}
	a.CountryCode = upperASCII(cleanLine(a.CountryCode))
	if a.CountryCode != "" && !isCountryCode(a.CountryCode) {
		p.Add("address.country_code", "Country code must be two letters (ISO 3166-1).")
	}
}

// cleanList trims the items of a list field, drops empty ones and checks
// the count and each item's length.
func cleanList(p Problems, field string, in []string, maxItems, maxLen int) []string {
	out := []string{}
	for _, s := range in {
		if s = cleanLine(s); s != "" {
			checkText(p, field, s, maxLen, false)
			out = append(out, s)
		}
	}
	if len(out) > maxItems {
		p.Add(field, "At most "+itoa(maxItems)+" entries.")
	}
	return out
}

// apply copies the changes of u onto c; validate runs afterwards.
func (u CandidateUpdate) apply(c *Candidate) {
	setIf(&c.FirstName, u.FirstName)
	setIf(&c.LastName, u.LastName)
	setIf(&c.Email, u.Email)
	setIf(&c.OtherEmails, u.OtherEmails)
	setIf(&c.Phones, u.Phones)
	setIf(&c.Address, u.Address)
	setIf(&c.Company, u.Company)
	setIf(&c.Title, u.Title)
	setIf(&c.LinkedInURL, u.LinkedInURL)
	setIf(&c.PersonURN, u.PersonURN)
	setIf(&c.Source, u.Source)
	setIf(&c.DoNotContact, u.DoNotContact)
}

func setIf[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}
