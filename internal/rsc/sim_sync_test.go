package rsc_test

import (
	"context"
	"testing"
	"time"

	"attractor/internal/rsc"
)

// TestSimulatorApplications syncs an application with its notes, feedback
// and stages, a candidate note and an ACL with an assignee against
// linkedinsim, then deletes them (rsc-api.md §3.7–§3.12, §6.6).
func TestSimulatorApplications(t *testing.T) {
	t.Parallel()
	e := setupSim(t)
	ctx := context.Background()
	child, _ := e.enabledChild(t, ctx)
	now := time.Now().UnixMilli()
	syncAndMatch(t, ctx, e, child) // job J1, candidate C1

	res, err := child.UpdateApplications(ctx, simOrg, []rsc.Application{{ID: "A1", ATSCandidateID: "C1",
		ATSCreatedAt: now, ATSLastModifiedAt: now, ATSJobPostingID: "J1", ATSJobPostingName: "Backend Engineer",
		CandidateEmail: "a@b.example", FirstName: "Ada", LastName: "Lovelace", Source: "Referral"}})
	mustAllOK(t, "UpdateApplications", res, err)
	author := &rsc.Actor{FirstName: "Rita", LastName: "Recruiter"}
	res, err = child.UpdateCandidateNotes(ctx, simOrg, "C1", []rsc.Note{{ID: "N1", ATSCreatedAt: now, Note: "Strong", Author: author}})
	mustAllOK(t, "UpdateCandidateNotes", res, err)
	res, err = child.UpdateApplicationNotes(ctx, simOrg, "A1", []rsc.Note{{ID: "AN1", ATSCreatedAt: now, Note: "Call back", Author: author}})
	mustAllOK(t, "UpdateApplicationNotes", res, err)
	res, err = child.UpdateFeedback(ctx, simOrg, "A1", []rsc.Feedback{{ID: "F1", ATSCreatedAt: now, Interviewer: author,
		Evaluations: []rsc.Evaluation{{Attribute: "Go", Result: "4/5"}}, Feedback: "Good", InterviewType: rsc.InterviewOnsite}})
	mustAllOK(t, "UpdateFeedback", res, err)
	res, err = child.UpdateStages(ctx, simOrg, "A1", []rsc.Stage{{ID: "S1", ATSCreatedAt: now, Stage: "Screen"},
		{ID: "S2", ATSCreatedAt: now + 1, Stage: "Interview"}})
	mustAllOK(t, "UpdateStages", res, err)
	acl := rsc.ACL{ID: "TEAM_J1", JobID: "J1"}
	res, err = child.UpdateACLs(ctx, simOrg, []rsc.ACL{acl})
	mustAllOK(t, "UpdateACLs", res, err)
	assignee := rsc.ACLAssignee{ACLID: acl.ID, Assignee: e.member(t, 90002).PersonURN}
	res, err = child.UpdateACLAssignees(ctx, simOrg, []rsc.ACLAssignee{assignee})
	mustAllOK(t, "UpdateACLAssignees", res, err)

	res, err = child.DeleteACLAssignees(ctx, simOrg, []rsc.ACLAssignee{assignee})
	mustAllOK(t, "DeleteACLAssignees", res, err)
	res, err = child.DeleteACLs(ctx, simOrg, []rsc.ACL{acl})
	mustAllOK(t, "DeleteACLs", res, err)
	res, err = child.DeleteStages(ctx, simOrg, "A1", []string{"S1"})
	mustAllOK(t, "DeleteStages", res, err)
	res, err = child.DeleteFeedback(ctx, simOrg, "A1", []string{"F1"})
	mustAllOK(t, "DeleteFeedback", res, err)
	res, err = child.DeleteApplicationNotes(ctx, simOrg, "A1", []string{"AN1"})
	mustAllOK(t, "DeleteApplicationNotes", res, err)
	res, err = child.DeleteCandidateNotes(ctx, simOrg, "C1", []string{"N1"})
	mustAllOK(t, "DeleteCandidateNotes", res, err)
	res, err = child.DeleteApplications(ctx, simOrg, []string{"A1"})
	mustAllOK(t, "DeleteApplications", res, err)
}

// enabledChild provisions a child app, requests, names, configures and
// enables it, and returns its client.
func (e *simEnv) enabledChild(t *testing.T, ctx context.Context) (*rsc.Client, *countingTransport) {
	t.Helper()
	parent := e.client(linkedinsimPartnerID, linkedinsimPartnerSecret, &countingTransport{})
	app := provision(t, ctx, parent)
	tr := &countingTransport{}
	child := e.client(app.Credentials.ClientID, app.Credentials.ClientSecret, tr)
	reqID, err := e.svc.RequestIntegration(ctx, app.Credentials.ClientID, e.member(t, 90001).PersonURN, simOrg,
		simContract, levelContract)
	if err != nil {
		t.Fatal(err)
	}
	activate(t, ctx, e, child, app.Key, reqID)
	return child, tr
}
