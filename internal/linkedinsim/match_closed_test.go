package linkedinsim_test

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"testing"

	"attractor/internal/linkedinsim"
)

// TestMatchClosedMember: once a member closes their account (through the
// control API), matching no longer returns them, neither as an exact match
// on person URN, profile URL or email nor as a name suggestion.
func TestMatchClosedMember(t *testing.T) {
	e := setupIntegration(t, 0)
	ctx := context.Background()
	var m *linkedinsim.Member
	for id := int64(1); id <= 200 && m == nil; id++ {
		if c, err := e.store.FindMemberByID(ctx, id); err == nil && !c.Closed && c.Email != "" && c.ProfileURL != "" {
			m = c
		}
	}
	if m == nil {
		t.Fatal("no open member with email and profile URL in the test world")
	}
	exact := map[string]linkedinsim.CandidateFacts{
		"PersonURN":  {PersonURN: m.PersonURN},
		"ProfileURL": {ProfileURL: m.ProfileURL},
		"Email":      {Emails: []string{m.Email}},
	}
	byName := linkedinsim.CandidateFacts{FirstName: m.FirstName, LastName: m.LastName, Company: m.Company,
		Title: m.Title, Location: m.Location}
	match := func(t *testing.T, c linkedinsim.CandidateFacts) []string {
		t.Helper()
		res, err := e.svc.MatchCandidate(ctx, c)
		if err != nil {
			t.Fatalf("MatchCandidate(%+v): %v", c, err)
		}
		return res.PersonURNs()
	}
	// Open: every fact finds them.
	for name, c := range exact {
		if got := match(t, c); !slices.Equal(got, []string{m.PersonURN}) {
			t.Fatalf("open member by %s = %v, want exactly %s", name, got, m.PersonURN)
		}
	}
	if got := match(t, byName); !slices.Contains(got, m.PersonURN) {
		t.Fatalf("open member by name = %v, want %s among the suggestions", got, m.PersonURN)
	}

	var closed struct {
		Member string `json:"member"`
		Closed bool   `json:"closed"`
	}
	resp := e.call(t, "POST", "/sim/v1/members/"+strconv.FormatInt(m.ID, 10)+"/close", controlTok, "", "", nil, &closed)
	if resp.StatusCode != http.StatusOK || !closed.Closed || closed.Member != m.PersonURN {
		t.Fatalf("close = %d %+v", resp.StatusCode, closed)
	}

	for name, c := range exact {
		if got := match(t, c); slices.Contains(got, m.PersonURN) {
			t.Errorf("closed member by %s = %v, want them left out", name, got)
		}
	}
	if got := match(t, byName); slices.Contains(got, m.PersonURN) {
		t.Errorf("closed member by name = %v, want them left out of the suggestions", got)
	}
}
