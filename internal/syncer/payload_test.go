package syncer

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"attractor/internal/ats"
	"attractor/internal/rsc"
)

var (
	t0 = time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	t1 = t0.Add(time.Hour)
)

func payloadSyncer() *Syncer {
	return &Syncer{cfg: Config{PublicURL: "https://ats.example"}}
}

func TestRSCJob(t *testing.T) {
	in := &ats.LinkedInIntegration{Organization: "urn:li:organization:1001", JobAvailability: ats.AvailabilityPrivate}
	base := ats.Job{ID: "j1", Number: "J-1001", Title: "Engineer", Description: "<p>Go</p>",
		Location: ats.Location{City: "Berlin", Region: "BE", CountryCode: "DE"}, Availability: ats.AvailabilityPublic,
		Status: ats.JobActive, CreatedAt: t0, ActivatedAt: &t1}
	want := rsc.Job{IntegrationContext: in.Organization, ExternalJobPostingID: "j1", Title: "Engineer",
		Description: "<p>Go</p>", Location: "Berlin, BE, DE", State: rsc.JobListed,
		CompanyApplyURL: "https://ats.example/jobs/J-1001", ListedAt: t1.UnixMilli(),
		Availability: rsc.AvailabilityPublic, OperationType: "CREATE"}
	tests := []struct {
		name   string
		sent   bool
		change func(*ats.Job)
		want   func(*rsc.Job)
	}{
		{name: "NewActive"},
		{name: "SentActive", sent: true, want: func(j *rsc.Job) { j.OperationType = "UPDATE" }},
		{name: "SentClosed", sent: true, change: func(j *ats.Job) { j.Status = ats.JobClosed },
			want: func(j *rsc.Job) { j.OperationType, j.State = "CLOSE", rsc.JobClosed }},
		{name: "ClosedNeverSent", change: func(j *ats.Job) { j.Status = ats.JobClosed },
			want: func(j *rsc.Job) { j.State = rsc.JobClosed }},
		{name: "Private", change: func(j *ats.Job) { j.Availability = ats.AvailabilityPrivate },
			want: func(j *rsc.Job) { j.Availability = rsc.AvailabilityPrivate }},
		{name: "NoAvailabilityTakesDefault", change: func(j *ats.Job) { j.Availability = "" },
			want: func(j *rsc.Job) { j.Availability = rsc.AvailabilityPrivate }},
		{name: "NoDescription", change: func(j *ats.Job) { j.Description = " " },
			want: func(j *rsc.Job) { j.Description = "Engineer" }},
		{name: "NeverActivated", change: func(j *ats.Job) { j.ActivatedAt = nil },
			want: func(j *rsc.Job) { j.ListedAt = t0.UnixMilli() }},
		{name: "PostalCodeOnly", change: func(j *ats.Job) { j.Location = ats.Location{CountryCode: "US", PostalCode: "94105"} },
			want: func(j *rsc.Job) { j.Location, j.CountryCode, j.PostalCode = "", "US", "94105" }},
		{name: "CountryOnly", change: func(j *ats.Job) { j.Location = ats.Location{CountryCode: "FR"} },
			want: func(j *rsc.Job) { j.Location = "FR" }},
		{name: "NoLocation", change: func(j *ats.Job) { j.Location = ats.Location{} },
			want: func(j *rsc.Job) { j.Location = fallbackLocation }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j, w := base, want
			if tt.change != nil {
				tt.change(&j)
			}
			if tt.want != nil {
				tt.want(&w)
			}
			got := payloadSyncer().rscJob(in, ats.SyncJob{Job: j, Sent: tt.sent})
			if diff := cmp.Diff(w, got); diff != "" {
				t.Errorf("rscJob (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRSCCandidate(t *testing.T) {
	c := ats.Candidate{ID: "c1", Number: "C-1001", FirstName: "Ada", LastName: "Lovelace", Email: "ada@example.com",
		OtherEmails: []string{"ada@home.example"}, Phones: []string{"+44 1", "+44 2"},
		Address: ats.Address{Line1: "1 Main St", Line2: "Flat 2", City: "London", Region: "LDN", PostalCode: "N1",
			CountryCode: "GB"},
		Company: "Analytical Engines", Title: "Engineer", LinkedInURL: "https://www.linkedin.com/in/ada",
		DoNotContact: true, CreatedAt: t0, UpdatedAt: t1}
	want := rsc.Candidate{ID: "c1", ATSCreatedAt: t0.UnixMilli(), ATSLastModifiedAt: t1.UnixMilli(),
		FirstName: "Ada", LastName: "Lovelace", EmailAddresses: []string{"ada@example.com", "ada@home.example"},
		PhoneNumbers: []rsc.PhoneNumber{{Number: "+44 1"}, {Number: "+44 2"}},
		Addresses: []rsc.Address{{Line1: "1 Main St, Flat 2", City: "London", GeographicArea: "LDN",
			GeographicAreaType: "STATE", PostalCode: "N1", Country: "gb"}},
		ExternalProfileURL: "https://ats.example/candidates/C-1001", LinkedInProfileURL: "https://www.linkedin.com/in/ada",
		CurrentCompanyName: "Analytical Engines", CurrentJobTitle: "Engineer", DoNotContact: true}
	if diff := cmp.Diff(want, payloadSyncer().rscCandidate(c)); diff != "" {
		t.Errorf("rscCandidate (-want +got):\n%s", diff)
	}

	bare := ats.Candidate{ID: "c2", Number: "C-1002", FirstName: "No", LastName: "Contact", CreatedAt: t1, UpdatedAt: t0}
	wantBare := rsc.Candidate{ID: "c2", ATSCreatedAt: t1.UnixMilli(), ATSLastModifiedAt: t1.UnixMilli(),
		FirstName: "No", LastName: "Contact", EmailAddresses: []string{}, PhoneNumbers: []rsc.PhoneNumber{},
		Addresses: []rsc.Address{}, ExternalProfileURL: "https://ats.example/candidates/C-1002"}
	if diff := cmp.Diff(wantBare, payloadSyncer().rscCandidate(bare)); diff != "" {
		t.Errorf("bare rscCandidate (-want +got):\n%s", diff)
	}
}

func TestRSCApplication(t *testing.T) {
	app := ats.Application{ID: "a1", CandidateID: "c1", JobID: "j1", Status: ats.AppActive, Source: "Referral",
		CreatedAt: t0, UpdatedAt: t1,
		Candidate: &ats.CandidateSummary{FirstName: "Ada", LastName: "Lovelace", Email: "ada@example.com"}}
	want := rsc.Application{ID: "a1", ATSCandidateID: "c1", ATSCreatedAt: t0.UnixMilli(),
		ATSLastModifiedAt: t1.UnixMilli(), ATSJobPostingID: "j1", ATSJobPostingName: "Engineer",
		CandidateEmail: "ada@example.com", FirstName: "Ada", LastName: "Lovelace", Source: "Referral"}
	tests := []struct {
		status      ats.ApplicationStatus
		reason      string
		disposition string
	}{
		{ats.AppActive, "", ""},
		{ats.AppRejected, "Not qualified", "Not qualified"},
		{ats.AppRejected, "", "Rejected"},
		{ats.AppWithdrawn, "", "Withdrawn"},
		{ats.AppHired, "", "Hired"},
	}
	for _, tt := range tests {
		a, w := app, want
		a.Status, a.RejectionReason = tt.status, tt.reason
		w.DispositionReason = tt.disposition
		got := rscApplication(ats.SyncApplication{Application: a, JobTitle: "Engineer"})
		if diff := cmp.Diff(w, got); diff != "" {
			t.Errorf("%s %q (-want +got):\n%s", tt.status, tt.reason, diff)
		}
	}
}

func TestRSCStages(t *testing.T) {
	st := ats.SyncStages{ApplicationID: "a1", Entries: []ats.PhaseEntry{
		{ID: "e1", PhaseName: "Application", EnteredAt: t0}, {ID: "e2", PhaseName: " ", EnteredAt: t1}}}
	want := []rsc.Stage{{ID: "e1", ATSCreatedAt: t0.UnixMilli(), Stage: "Application"},
		{ID: "e2", ATSCreatedAt: t1.UnixMilli(), Stage: fallbackStage}}
	if diff := cmp.Diff(want, rscStages(st)); diff != "" {
		t.Errorf("rscStages (-want +got):\n%s", diff)
	}
}

func TestActor(t *testing.T) {
	tests := map[string]rsc.Actor{
		"Rita Recruiter":          {FirstName: "Rita", LastName: "Recruiter"},
		"  Mary Ann  Smith ":      {FirstName: "Mary Ann", LastName: "Smith"},
		"Cher":                    {FirstName: "Cher", LastName: "Cher"},
		"":                        systemActor,
		"Jean-Luc de la Fontaine": {FirstName: "Jean-Luc de la", LastName: "Fontaine"},
	}
	for name, want := range tests {
		if got := actor(name); got != want {
			t.Errorf("actor(%q) = %+v, want %+v", name, got, want)
		}
	}
}

func TestRSCNoteAndFeedback(t *testing.T) {
	n := ats.Note{ID: "n1", SubjectKind: ats.SubjectCandidate, SubjectID: "c1", AuthorName: "Rita Recruiter",
		Text: "Strong", CreatedAt: t0}
	wantNote := rsc.Note{ID: "n1", ATSCreatedAt: t0.UnixMilli(), Note: "Strong",
		Author: &rsc.Actor{FirstName: "Rita", LastName: "Recruiter"}}
	if diff := cmp.Diff(wantNote, rscNote(n)); diff != "" {
		t.Errorf("rscNote (-want +got):\n%s", diff)
	}

	f := ats.Feedback{ID: "f1", ApplicationID: "a1", InterviewerName: "Ivan Interviewer",
		InterviewType: ats.InterviewOnsite, Evaluations: []ats.Evaluation{{Attribute: "Go", Result: "4/5"}},
		Recommendation: ats.RecStrongYes, Comments: "Hire.", CreatedAt: t0}
	interviewer := &rsc.Actor{FirstName: "Ivan", LastName: "Interviewer"}
	tests := []struct {
		name   string
		change func(*ats.Feedback)
		want   rsc.Feedback
	}{
		{"Onsite", nil, rsc.Feedback{ID: "f1", ATSCreatedAt: t0.UnixMilli(), Interviewer: interviewer,
			Evaluations: []rsc.Evaluation{{Attribute: "Go", Result: "4/5"}},
			Feedback:    "Recommendation: Strong yes\n\nHire.", InterviewType: rsc.InterviewOnsite}},
		{"PhoneNoComments", func(f *ats.Feedback) {
			f.InterviewType, f.Comments, f.Evaluations = ats.InterviewPhoneScreen, "", nil
		}, rsc.Feedback{ID: "f1", ATSCreatedAt: t0.UnixMilli(), Interviewer: interviewer,
			Feedback: "Recommendation: Strong yes", InterviewType: rsc.InterviewPhoneScreen}},
		{"VideoHasNoRSCType", func(f *ats.Feedback) { f.InterviewType, f.Evaluations = ats.InterviewVideo, nil },
			rsc.Feedback{ID: "f1", ATSCreatedAt: t0.UnixMilli(), Interviewer: interviewer,
				Feedback: "Recommendation: Strong yes\n\nHire."}},
	}
	for _, tt := range tests {
		fb := f
		if tt.change != nil {
			tt.change(&fb)
		}
		if diff := cmp.Diff(tt.want, rscFeedback(fb)); diff != "" {
			t.Errorf("%s: rscFeedback (-want +got):\n%s", tt.name, diff)
		}
	}
}
