package syncer

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"attractor/internal/ats"
	"attractor/internal/rsc"
)

// partSummary describes a part as "op:record" for comparisons.
func partSummary(parts []*part) []string {
	var out []string
	for _, p := range parts {
		s := ""
		switch r := p.rec.(type) {
		case rsc.ACL:
			s = r.ID
		case rsc.ACLAssignee:
			s = r.Assignee
		}
		out = append(out, opNames[p.ep.op]+":"+s)
	}
	return out
}

var opNames = map[op]string{opPutACLs: "putACL", opPutAssignees: "putAssignee",
	opDeleteAssignees: "deleteAssignee", opDeleteACLs: "deleteACL"}

func TestTeamUnit(t *testing.T) {
	private, public := ats.AvailabilityPrivate, ats.AvailabilityPublic
	tests := []struct {
		name  string
		team  ats.SyncTeam
		draft bool
		full  bool
		want  []string
	}{
		{"PrivateNew", ats.SyncTeam{JobID: "j", Availability: private, Assignees: []string{"p1", "p2"}}, false, false,
			[]string{"putACL:TEAM-j", "putAssignee:p1", "putAssignee:p2"}},
		{"PrivateChanged", ats.SyncTeam{JobID: "j", Availability: private, Assignees: []string{"p1", "p3"},
			SentAssignees: []string{"p1", "p2"}, Sent: true}, false, false,
			[]string{"putACL:TEAM-j", "putAssignee:p3", "deleteAssignee:p2"}},
		{"PrivateFull", ats.SyncTeam{JobID: "j", Availability: private, Assignees: []string{"p1", "p3"},
			SentAssignees: []string{"p1", "p2"}, Sent: true}, false, true,
			[]string{"putACL:TEAM-j", "putAssignee:p1", "putAssignee:p3", "deleteAssignee:p2"}},
		{"PrivateDraft", ats.SyncTeam{JobID: "j", Availability: private, Assignees: []string{"p1"}}, true, false, nil},
		{"PublicNeverSent", ats.SyncTeam{JobID: "j", Availability: public, Assignees: []string{"p1"}}, false, false, nil},
		{"MadePublic", ats.SyncTeam{JobID: "j", Availability: public, Assignees: []string{"p1"},
			SentAssignees: []string{"p1", "p2"}, Sent: true}, false, false,
			[]string{"deleteAssignee:p1", "deleteAssignee:p2", "deleteACL:TEAM-j"}},
	}
	for _, tt := range tests {
		u := teamUnit(tt.team, tt.draft, tt.full)
		if diff := cmp.Diff(tt.want, partSummary(u.parts)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
		if (u.after != nil) != (len(tt.want) > 0) {
			t.Errorf("%s: after hook set = %v, want %v", tt.name, u.after != nil, len(tt.want) > 0)
		}
	}
}

func TestPlan(t *testing.T) {
	note := func(parent string) *unit {
		return &unit{parts: []*part{{ep: endpoint{op: opPutCandidateNotes, parent: parent}, rec: rsc.Note{}}}}
	}
	units := []*unit{note("a"), note("b"), note("a"), teamUnit(ats.SyncTeam{JobID: "j",
		Availability: ats.AvailabilityPrivate, Assignees: []string{"p"}}, false, false)}
	sizes := func(calls []*call) []int {
		var out []int
		for _, c := range calls {
			out = append(out, len(c.parts))
		}
		return out
	}
	if got := sizes(plan(units, false)); !cmp.Equal(got, []int{2, 1, 1, 1}) {
		t.Errorf("grouped call sizes = %v, want [2 1 1 1] (a's two notes in one call)", got)
	}
	if got := sizes(plan(units, true)); !cmp.Equal(got, []int{1, 1, 1, 1, 1}) {
		t.Errorf("in-order call sizes = %v, want one call per neighbour run", got)
	}
	var many []*unit
	for range 250 {
		many = append(many, &unit{parts: []*part{{ep: endpoint{op: opPutCandidates}, rec: rsc.Candidate{}}}})
	}
	many[0].parts[0].ok = true // written already: not sent again
	if got := sizes(plan(many, true)); !cmp.Equal(got, []int{100, 100, 49}) {
		t.Errorf("call sizes = %v, want [100 100 49]", got)
	}
}
