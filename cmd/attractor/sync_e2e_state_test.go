package main

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"

	"attractor/internal/ats"
	"attractor/internal/linkedinsim"
	"attractor/internal/linkedinsim/simstore"
	"attractor/internal/sqldb"
	"attractor/internal/store"
)

// syncState is a set of synced records in a comparable form: "kind/id" →
// the fields both sides must agree on. It is built once from the ATS
// (what should be at LinkedIn, by the Prospect rule) and once from
// linkedinsim's storage (what is there), independently of the sync code.
type syncState map[string]string

// expectedState reads the ATS through its service and returns what
// LinkedIn must hold: every non-draft job; every candidate unless all
// their applications are still prospects; every application past
// Prospect with its phase history as stages, its notes and feedback; the
// candidates' notes; an ACL per private non-draft job.
func expectedState(t *testing.T, ctx context.Context, atsURL string) (syncState, []string, []string) {
	t.Helper()
	db, err := sqldb.Open(ctx, atsURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	svc := ats.NewService(store.New(db, sqldb.UTCNow))
	sys := ats.NewContextWithUser(ctx, &ats.SystemUser)
	st := syncState{}
	var jobIDs, appIDs []string
	for _, j := range allJobs(t, sys, svc) {
		jobIDs = append(jobIDs, j.ID)
		if j.Status == ats.JobDraft {
			continue
		}
		st["job/"+j.ID] = jobFields(j.Title, stateOf(j.Status), availabilityOf(j.Availability))
		if j.Availability == ats.AvailabilityPrivate {
			st["acl/"+j.ID] = "acl"
		}
	}
	for _, c := range allCandidates(t, sys, svc) {
		ids := expectCandidate(t, sys, svc, c, st)
		appIDs = append(appIDs, ids...)
	}
	return st, jobIDs, appIDs
}

func allJobs(t *testing.T, ctx context.Context, svc *ats.Service) []*ats.Job {
	var out []*ats.Job
	for off := 0; ; off += 100 {
		list, total, err := svc.FindJobs(ctx, ats.JobFilter{Page: ats.Page{Limit: 100, Offset: off}})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, list...)
		if off+100 >= total {
			return out
		}
	}
}

func allCandidates(t *testing.T, ctx context.Context, svc *ats.Service) []*ats.Candidate {
	var out []*ats.Candidate
	for off := 0; ; off += 100 {
		list, total, err := svc.FindCandidates(ctx, ats.CandidateFilter{Page: ats.Page{Limit: 100, Offset: off}})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, list...)
		if off+100 >= total {
			return out
		}
	}
}

// expectCandidate adds the candidate, their notes and their applications
// past Prospect to st, and returns all their application ids.
func expectCandidate(t *testing.T, ctx context.Context, svc *ats.Service, c *ats.Candidate, st syncState) []string {
	apps, _, err := svc.FindCandidateApplications(ctx, c.ID, ats.Page{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	past := 0
	for _, a := range apps {
		ids = append(ids, a.ID)
		if a.PhaseKind != ats.PhaseProspect {
			past++
			expectApplication(t, ctx, svc, a, st)
		}
	}
	if len(apps) > 0 && past == 0 {
		return ids // withheld: all their applications are prospects
	}
	st["candidate/"+c.ID] = candidateFields(c.FirstName, c.LastName, c.Email, c.Title)
	notes, _, err := svc.FindCandidateNotes(ctx, c.ID, ats.Page{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range notes {
		st["candidateNote/"+n.ID] = n.Text
	}
	return ids
}

func expectApplication(t *testing.T, ctx context.Context, svc *ats.Service, a *ats.Application, st syncState) {
	st["application/"+a.ID] = a.CandidateID + "|" + a.JobID
	entries, err := svc.FindPhaseEntries(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		st["stage/"+e.ID] = a.ID + "|" + e.PhaseName
	}
	notes, _, err := svc.FindApplicationNotes(ctx, a.ID, ats.Page{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range notes {
		st["note/"+n.ID] = a.ID + "|" + n.Text
	}
	fbs, err := svc.FindFeedback(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fbs {
		st["interviewFeedback/"+f.ID] = a.ID + "|" + rscInterviewType(f.InterviewType)
	}
}

// rscInterviewType is the interview type LinkedIn knows (rsc-api.md
// §3.10 has phone screens and on-site interviews only); other types are
// sent without one.
func rscInterviewType(t ats.InterviewType) string {
	if t == ats.InterviewPhoneScreen || t == ats.InterviewOnsite {
		return string(t)
	}
	return ""
}

func jobFields(title, state, availability string) string {
	return title + "|" + state + "|" + availability
}

func candidateFields(first, last, email, title string) string {
	return first + "|" + last + "|" + strings.ToLower(email) + "|" + title
}

func stateOf(s ats.JobStatus) string {
	if s == ats.JobClosed {
		return "CLOSED"
	}
	return "LISTED"
}

func availabilityOf(a ats.Availability) string {
	if a == ats.AvailabilityPrivate {
		return "PRIVATE_TO_ATS_INTEGRATION"
	}
	return "PUBLIC"
}

// remoteState reads what linkedinsim holds for the app in organization
// 1001, straight from its storage.
func remoteState(t *testing.T, ctx context.Context, simURL string, appID int64, jobIDs, appIDs []string) syncState {
	t.Helper()
	db, err := sqldb.Open(ctx, simURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	sim := simstore.New(db, nil)
	const org = 1001
	st := syncState{}
	jobs, err := sim.FindJobs(ctx, keysOf(appID, org, jobIDs))
	check(t, err)
	for _, j := range jobs {
		if j != nil {
			st["job/"+j.ExternalJobPostingID] = jobFields(j.Title, j.State, j.Availability)
		}
	}
	cands, err := sim.ListOrgCandidates(ctx, appID, org)
	check(t, err)
	for _, c := range cands {
		st["candidate/"+c.ATSCandidateID] = remoteCandidate(t, c.Body)
		addSubRecords(t, ctx, sim, c.Key(), linkedinsim.KindCandidateNote, st, false)
	}
	apps, err := sim.FindApplications(ctx, keysOf(appID, org, appIDs))
	check(t, err)
	for _, a := range apps {
		if a == nil {
			continue
		}
		st["application/"+a.ATSJobApplicationID] = a.ATSCandidateID + "|" + a.ATSJobPostingID
		for _, k := range []linkedinsim.SubKind{linkedinsim.KindStage, linkedinsim.KindApplicationNote, linkedinsim.KindInterviewFeedback} {
			addSubRecords(t, ctx, sim, a.Key(), k, st, true)
		}
	}
	acls, err := sim.ListACLs(ctx, appID, org)
	check(t, err)
	for _, a := range acls {
		st["acl/"+a.EntityID] = "acl"
	}
	return st
}

func keysOf(appID, org int64, ids []string) []linkedinsim.RecordKey {
	out := make([]linkedinsim.RecordKey, len(ids))
	for i, id := range ids {
		out[i] = linkedinsim.RecordKey{AppID: appID, OrganizationID: org, ID: id}
	}
	return out
}

func remoteCandidate(t *testing.T, body json.RawMessage) string {
	var c struct {
		FirstName, LastName, CurrentJobTitle string
		EmailAddresses                       []string
	}
	check(t, json.Unmarshal(body, &c))
	email := ""
	if len(c.EmailAddresses) > 0 {
		email = c.EmailAddresses[0]
	}
	return candidateFields(c.FirstName, c.LastName, email, c.CurrentJobTitle)
}

// addSubRecords adds the notes, stages or feedback under parent.
func addSubRecords(t *testing.T, ctx context.Context, sim *simstore.Store, parent linkedinsim.RecordKey, kind linkedinsim.SubKind, st syncState, withParent bool) {
	recs, err := sim.ListSubRecords(ctx, parent, kind)
	check(t, err)
	for _, r := range recs {
		var b struct{ Note, Stage, InterviewType string }
		check(t, json.Unmarshal(r.Body, &b))
		v := b.Note + b.Stage + b.InterviewType
		if withParent {
			v = parent.ID + "|" + v
		}
		st[string(kind)+"/"+r.ID] = v
	}
}

func check(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// diffStates lists up to 20 differences and counts per kind, so a failure
// says what is missing, extra or different without a 30,000-line dump.
func diffStates(want, got syncState) string {
	var lines []string
	for k, w := range want {
		if g, ok := got[k]; !ok {
			lines = append(lines, "missing "+k+" = "+w)
		} else if g != w {
			lines = append(lines, fmt.Sprintf("differs %s: want %q, got %q", k, w, g))
		}
	}
	for k, g := range got {
		if _, ok := want[k]; !ok {
			lines = append(lines, "extra "+k+" = "+g)
		}
	}
	if len(lines) == 0 {
		return ""
	}
	sort.Strings(lines)
	n := len(lines)
	if n > 20 {
		lines = lines[:20]
	}
	return fmt.Sprintf("%d differences (want %v, got %v):\n%s", n, kindCounts(want), kindCounts(got), strings.Join(lines, "\n"))
}

func kindCounts(s syncState) map[string]int {
	out := map[string]int{}
	for k := range s {
		kind, _, _ := strings.Cut(k, "/")
		out[kind]++
	}
	return out
}
