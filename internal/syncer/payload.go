package syncer

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"attractor/internal/ats"
	"attractor/internal/rsc"
)

// This file maps ATS entities to RSC records (rsc-api.md §3.5–§3.12).
// The ids sent are the ATS's internal ids, which never change, so a
// renumbered or renamed entity stays the same record at LinkedIn. Every
// field LinkedIn requires is filled, with a fallback where the ATS allows
// it to be empty, because one refused job would also refuse every
// application that references it.

// Fallbacks for fields LinkedIn requires but the ATS leaves optional.
const (
	// fallbackLocation is sent for a job with no location at all:
	// LinkedIn requires a location (or a country and postal code).
	fallbackLocation = "Remote"
	// fallbackStage names a phase entry whose phase lost its name.
	fallbackStage = "Unnamed phase"
)

// systemActor authors notes and feedback whose writer has no name (the
// system user, or a deleted account): LinkedIn's Actor needs both names.
var systemActor = rsc.Actor{FirstName: "Attractor", LastName: "System"}

// millis is t as epoch milliseconds, LinkedIn's time format.
func millis(t time.Time) int64 { return t.UnixMilli() }

// rscJob maps a job. op is the posting operation: CREATE until LinkedIn
// has the job, then UPDATE, or CLOSE once the job is closed.
func (s *Syncer) rscJob(in *ats.LinkedInIntegration, sj ats.SyncJob) rsc.Job {
	j := sj.Job
	out := rsc.Job{
		IntegrationContext:   in.Organization,
		ExternalJobPostingID: j.ID,
		Title:                j.Title,
		Description:          j.Description,
		State:                rsc.JobListed,
		CompanyApplyURL:      s.cfg.PublicURL + "/jobs/" + j.Number,
		ListedAt:             millis(j.CreatedAt),
		Availability:         availability(in, j.Availability),
		OperationType:        "CREATE",
	}
	if strings.TrimSpace(out.Description) == "" {
		out.Description = j.Title
	}
	if j.ActivatedAt != nil {
		out.ListedAt = millis(*j.ActivatedAt)
	}
	if j.Status == ats.JobClosed {
		out.State = rsc.JobClosed
	}
	switch {
	case sj.Sent && j.Status == ats.JobClosed:
		out.OperationType = "CLOSE"
	case sj.Sent:
		out.OperationType = "UPDATE"
	}
	out.Location, out.CountryCode, out.PostalCode = jobLocation(j.Location)
	return out
}

// jobPart is the job record of a job's unit, nil for other units and for
// a job with nothing to send.
func jobPart(u *unit) *part {
	if u.entry.EntityKind != ats.EntityJob || len(u.parts) == 0 {
		return nil
	}
	return u.parts[0]
}

// saveSentJob keeps the record of a job LinkedIn took, so the job can be
// closed with it once deleted here. Other units, a draft (nothing sent)
// and the close of a deleted job have nothing to keep.
func saveSentJob(tx ats.Tx, u *unit) error {
	p := jobPart(u)
	if p == nil || u.entry.Op != ats.OutboxUpsert {
		return nil
	}
	job, ok := p.rec.(rsc.Job)
	if !ok {
		return nil
	}
	b, err := json.Marshal(job)
	if err != nil {
		return fmt.Errorf("encode sent job: %w", err)
	}
	return tx.SaveSentJob(u.entry.EntityID, b)
}

// closeJobUnit plans the outbox delete of a job. RSC has no job delete and
// LinkedIn keeps listing a posting until it is closed, so the record it
// last took (sent, from the mirror; ok false when there is none) goes
// again as a CLOSE; then the mirror forgets the job. A job LinkedIn never
// took has nothing to send, and neither has a record that cannot be read.
func closeJobUnit(e ats.OutboxEntry, sent []byte, ok bool) *unit {
	u := &unit{entry: e}
	u.after = func(tx ats.Tx) error { return tx.ForgetSentJob(e.EntityID) }
	var job rsc.Job
	if !ok || json.Unmarshal(sent, &job) != nil {
		return u
	}
	job.State, job.OperationType = rsc.JobClosed, "CLOSE"
	u.parts = []*part{{ep: endpoint{op: opPutJobs}, rec: job}}
	return u
}

// jobLocation returns LinkedIn's "City, Region, COUNTRY" location, or a
// country and postal code when there is no city (LinkedIn takes either).
func jobLocation(l ats.Location) (location, country, postal string) {
	if l.City == "" && l.CountryCode != "" && l.PostalCode != "" {
		return "", l.CountryCode, l.PostalCode
	}
	var parts []string
	for _, p := range []string{l.City, l.Region, l.CountryCode} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		return fallbackLocation, "", ""
	}
	return strings.Join(parts, ", "), "", ""
}

// availability maps the job's choice, or the integration's default when the
// job has none, to LinkedIn's values.
func availability(in *ats.LinkedInIntegration, a ats.Availability) string {
	if a == "" {
		a = in.JobAvailability
	}
	if a == ats.AvailabilityPrivate {
		return rsc.AvailabilityPrivate
	}
	return rsc.AvailabilityPublic
}

// rscCandidate maps a candidate: every address, phone and email, and the
// link back to the candidate's page in the ATS.
func (s *Syncer) rscCandidate(c ats.Candidate) rsc.Candidate {
	out := rsc.Candidate{
		ID:                 c.ID,
		ATSCreatedAt:       millis(c.CreatedAt),
		ATSLastModifiedAt:  max(millis(c.UpdatedAt), millis(c.CreatedAt)),
		FirstName:          c.FirstName,
		LastName:           c.LastName,
		EmailAddresses:     c.Emails(),
		PhoneNumbers:       []rsc.PhoneNumber{},
		Addresses:          []rsc.Address{},
		ExternalProfileURL: s.cfg.PublicURL + "/candidates/" + c.Number,
		LinkedInProfileURL: c.LinkedInURL,
		CurrentCompanyName: c.Company,
		CurrentJobTitle:    c.Title,
		DoNotContact:       c.DoNotContact,
	}
	for _, p := range c.Phones {
		out.PhoneNumbers = append(out.PhoneNumbers, rsc.PhoneNumber{Number: p})
	}
	if a, ok := rscAddress(c.Address); ok {
		out.Addresses = append(out.Addresses, a)
	}
	return out
}

// rscAddress maps a postal address; ok is false when it is empty. RSC
// has one street line, so the second is appended to the first.
func rscAddress(a ats.Address) (rsc.Address, bool) {
	if a == (ats.Address{}) {
		return rsc.Address{}, false
	}
	out := rsc.Address{Line1: joinNonEmpty(", ", a.Line1, a.Line2), City: a.City, GeographicArea: a.Region,
		PostalCode: a.PostalCode, Country: strings.ToLower(a.CountryCode)}
	if a.Region != "" {
		out.GeographicAreaType = "STATE"
	}
	return out, true
}

func joinNonEmpty(sep string, parts ...string) string {
	var kept []string
	for _, p := range parts {
		if p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, sep)
}

// rscApplication maps an application with what it repeats of its
// candidate and job. A closed application carries why it closed.
func rscApplication(sa ats.SyncApplication) rsc.Application {
	a := sa.Application
	out := rsc.Application{
		ID:                a.ID,
		ATSCandidateID:    a.CandidateID,
		ATSCreatedAt:      millis(a.CreatedAt),
		ATSLastModifiedAt: max(millis(a.UpdatedAt), millis(a.CreatedAt)),
		ATSJobPostingID:   a.JobID,
		ATSJobPostingName: sa.JobTitle,
		Source:            a.Source,
		DispositionReason: disposition(a),
	}
	if c := a.Candidate; c != nil {
		out.CandidateEmail, out.FirstName, out.LastName = c.Email, c.FirstName, c.LastName
	}
	return out
}

// disposition is LinkedIn's dispositionReason: the rejection reason, or
// what else ended the application; empty while it is active.
func disposition(a ats.Application) string {
	switch a.Status {
	case ats.AppRejected:
		if a.RejectionReason != "" {
			return a.RejectionReason
		}
		return "Rejected"
	case ats.AppWithdrawn:
		return "Withdrawn"
	case ats.AppHired:
		return "Hired"
	}
	return ""
}

// rscStages maps an application's phase history, one record per entry,
// so LinkedIn sees every stage passed and not only the current one
// (rsc-api.md §3.11).
func rscStages(st ats.SyncStages) []rsc.Stage {
	out := make([]rsc.Stage, len(st.Entries))
	for i, e := range st.Entries {
		name := e.PhaseName
		if strings.TrimSpace(name) == "" {
			name = fallbackStage
		}
		out[i] = rsc.Stage{ID: e.ID, ATSCreatedAt: millis(e.EnteredAt), Stage: name}
	}
	return out
}

// rscNote maps a candidate or application note.
func rscNote(n ats.Note) rsc.Note {
	author := actor(n.AuthorName)
	return rsc.Note{ID: n.ID, ATSCreatedAt: millis(n.CreatedAt), Note: n.Text, Author: &author}
}

// rscFeedback maps interview feedback. RSC knows only phone screens and
// onsite interviews, so other types are left out rather than mislabelled;
// RSC has no recommendation field, so the verdict leads the text.
func rscFeedback(f ats.Feedback) rsc.Feedback {
	interviewer := actor(f.InterviewerName)
	out := rsc.Feedback{ID: f.ID, ATSCreatedAt: millis(f.CreatedAt), Interviewer: &interviewer,
		Feedback: feedbackText(f), InterviewType: interviewType(f.InterviewType)}
	for _, e := range f.Evaluations {
		out.Evaluations = append(out.Evaluations, rsc.Evaluation{Attribute: e.Attribute, Result: e.Result})
	}
	return out
}

func interviewType(t ats.InterviewType) string {
	switch t {
	case ats.InterviewPhoneScreen:
		return rsc.InterviewPhoneScreen
	case ats.InterviewOnsite:
		return rsc.InterviewOnsite
	}
	return ""
}

// recommendations words the verdicts as a recruiter reads them.
var recommendations = map[ats.Recommendation]string{
	ats.RecStrongNo: "Strong no", ats.RecNo: "No", ats.RecNeutral: "Neutral",
	ats.RecYes: "Yes", ats.RecStrongYes: "Strong yes",
}

func feedbackText(f ats.Feedback) string {
	rec := recommendations[f.Recommendation]
	switch {
	case rec == "":
		return f.Comments
	case strings.TrimSpace(f.Comments) == "":
		return "Recommendation: " + rec
	}
	return "Recommendation: " + rec + "\n\n" + f.Comments
}

// actor splits a display name into LinkedIn's first and last names, both
// required: the last word is the last name; a one-word name is repeated
// as neither half may be empty; no name is the system.
func actor(name string) rsc.Actor {
	words := strings.Fields(name)
	switch len(words) {
	case 0:
		return systemActor
	case 1:
		return rsc.Actor{FirstName: words[0], LastName: words[0]}
	}
	return rsc.Actor{FirstName: strings.Join(words[:len(words)-1], " "), LastName: words[len(words)-1]}
}
