package syncer

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"attractor/internal/ats"
	"attractor/internal/rsc"
)

// pageOf builds a page of stage units from a pattern, one letter per
// unit: s sent, p pending, d deferred, f refused, e empty (nothing to
// send).
func pageOf(pattern string) []*unit {
	units := make([]*unit, len(pattern))
	for i, c := range pattern {
		u := upsertUnit(ats.EntityStage, string(rune('a'+i)))
		p := &part{ep: endpoint{op: opPutStages, parent: u.entry.EntityID}}
		switch c {
		case 's':
			p.ok = true
		case 'd':
			p.deferred, p.err = true, &rsc.Error{Kind: rsc.Retryable, Status: 503}
		case 'f':
			p.err = &rsc.Error{Kind: rsc.Permanent, Status: 422}
		}
		if c != 'e' {
			u.parts = []*part{p}
		}
		units[i] = u
	}
	return units
}

func ids(units []*unit) []string {
	var out []string
	for _, u := range units {
		out = append(out, u.entry.EntityID)
	}
	return out
}

// TestAheadOf covers what a save keeps past the cursor when a page's
// calls went out concurrently: the settled prefix moves the cursor, what
// settled after the first pending unit is kept, and what an earlier save
// kept survives until a page reaches it.
func TestAheadOf(t *testing.T) {
	tests := []struct {
		name       string
		page       string
		prev       []string
		wantPrefix []string
		wantAhead  []string
	}{
		{"AllSent", "sss", nil, []string{"a", "b", "c"}, nil},
		{"NoneSent", "ppp", nil, nil, nil},
		{"Gaps", "spsdpfe", nil, []string{"a"}, []string{"c", "d", "f", "g"}},
		{"FirstPending", "pss", nil, nil, []string{"b", "c"}},
		{"EarlierAheadOutsidePage", "sps", []string{"x", "y"}, []string{"a"}, []string{"x", "y", "c"}},
		{"EarlierAheadReachedByCursor", "ss", []string{"b"}, []string{"a", "b"}, nil},
		{"EarlierAheadStillAhead", "psp", []string{"b"}, nil, []string{"b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			units := pageOf(tt.page)
			markSaved(units, tt.prev)
			prefix := settledPrefix(units)
			if diff := cmp.Diff(tt.wantPrefix, ids(prefix)); diff != "" {
				t.Errorf("settled prefix (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantAhead, aheadOf(tt.prev, units, len(prefix))); diff != "" {
				t.Errorf("ahead (-want +got):\n%s", diff)
			}
		})
	}
}

// TestMarkSaved checks that units an earlier save recorded are neither
// sent nor recorded or counted again.
func TestMarkSaved(t *testing.T) {
	units := pageOf("ppp")
	markSaved(units, []string{"b", "z"})
	if got := ids(fresh(units)); got != nil {
		t.Errorf("fresh before sending = %v, want none", got)
	}
	calls := plan(units, true)
	var sent []string
	for _, c := range calls {
		for _, p := range c.parts {
			sent = append(sent, p.ep.parent)
		}
	}
	if diff := cmp.Diff([]string{"a", "c"}, sent); diff != "" {
		t.Errorf("planned (-want +got):\n%s", diff)
	}
	for _, c := range calls {
		for _, p := range c.parts {
			p.ok = true
		}
	}
	if diff := cmp.Diff([]string{"a", "c"}, ids(fresh(units))); diff != "" {
		t.Errorf("fresh after sending (-want +got):\n%s", diff)
	}
}
