package ats

import (
	"context"
	"sort"
	"strconv"
	"strings"
)

// fields is a flat view of a record for the audit trail: field name → value
// as text.
type fields map[string]string

// diff lists the fields whose values differ, in field-name order.
func diff(before, after fields) []Change {
	var out []Change
	for k, to := range after {
		if from := before[k]; from != to {
			out = append(out, Change{Field: k, From: from, To: to})
		}
	}
	for k, from := range before {
		if _, ok := after[k]; !ok {
			out = append(out, Change{Field: k, From: from})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Field < out[j].Field })
	return out
}

func jobFields(j *Job) fields {
	return fields{"title": j.Title, "description": j.Description, "location.city": j.Location.City,
		"location.region": j.Location.Region, "location.country_code": j.Location.CountryCode,
		"location.postal_code": j.Location.PostalCode, "employment_type": string(j.EmploymentType),
		"openings": strconv.Itoa(j.Openings), "linkedin_availability": string(j.Availability),
		"status": string(j.Status), "close_reason": string(j.CloseReason)}
}

func candidateFields(c *Candidate) fields {
	return fields{"first_name": c.FirstName, "last_name": c.LastName, "email": c.Email,
		"other_emails": strings.Join(c.OtherEmails, ", "), "phones": strings.Join(c.Phones, ", "),
		"address.line1": c.Address.Line1, "address.line2": c.Address.Line2, "address.city": c.Address.City,
		"address.region": c.Address.Region, "address.postal_code": c.Address.PostalCode,
		"address.country_code": c.Address.CountryCode, "current_company": c.Company, "current_title": c.Title,
		"linkedin_profile_url": c.LinkedInURL, "linkedin_person_urn": c.PersonURN, "source": c.Source,
		"do_not_contact": strconv.FormatBool(c.DoNotContact)}
}

func applicationFields(a *Application) fields {
	return fields{"phase": a.PhaseName, "status": string(a.Status), "rejection_reason": a.RejectionReason,
		"source": a.Source, "prospect": strconv.FormatBool(a.Prospect)}
}

// phaseList renders a process for the audit trail: names in order, with
// switched-off phases marked.
func phaseList(phases []Phase) string {
	names := make([]string, len(phases))
	for i, ph := range phases {
		names[i] = ph.Name
		if !ph.Enabled {
			names[i] += " (off)"
		}
	}
	return strings.Join(names, " → ")
}

// record appends an audit entry for a change made by u, unless nothing
// changed.
func record(tx Tx, u *User, kind EntityKind, id, action string, changes []Change) error {
	if len(changes) == 0 && action == "updated" {
		return nil
	}
	if changes == nil {
		changes = []Change{}
	}
	return tx.AddHistory(&HistoryEntry{ID: newID(), EntityKind: kind, EntityID: id, Action: action,
		ActorID: u.ID, ActorName: u.Name, At: tx.Now(), Changes: changes})
}

// FindHistory returns the audit trail of a job (J-…), candidate (C-…) or
// application, newest first, to users who may view the record.
func (s *Service) FindHistory(ctx context.Context, kind EntityKind, ref string, p Page) (list []*HistoryEntry, total int, err error) {
	u, err := actor(ctx)
	if err != nil {
		return nil, 0, err
	}
	err = s.store.View(ctx, func(tx Tx) error {
		id, err := s.resolveVisible(tx, u, kind, ref)
		if err != nil {
			return err
		}
		list, total, err = tx.FindHistory(kind, id, p.Normalize())
		return err
	})
	return list, total, err
}

// resolveVisible turns a reference into an id after checking that u may
// view the record.
func (s *Service) resolveVisible(tx Tx, u *User, kind EntityKind, ref string) (string, error) {
	switch kind {
	case EntityJob:
		j, err := findJob(tx, ref)
		if err != nil {
			return "", err
		}
		_, err = requireOnJob(tx, u, j.ID, ActionViewJob)
		return j.ID, err
	case EntityCandidate:
		c, err := viewCandidate(tx, u, ref)
		if err != nil {
			return "", err
		}
		return c.ID, nil
	case EntityApplication:
		a, err := findApplication(tx, ref)
		if err != nil {
			return "", err
		}
		_, err = requireOnJob(tx, u, a.JobID, ActionViewApplication)
		return a.ID, err
	}
	return "", Errorf(EINVALID, "History is kept for jobs, candidates and applications.")
}
