package web_test

import (
	"fmt"
	"testing"

	"attractor/internal/ats"
)

// TestCandidateListsPastTheEnd checks that a list page asked for past its
// end (a stale link: rows were deleted or moved since) shows the last page
// that has rows, with a pager that reads so, instead of an empty page.
func TestCandidateListsPastTheEnd(t *testing.T) {
	t.Parallel()
	w := candSetup(t)
	pool := candPool(t, w.e, w.rec, "Big pool")
	for i := range 29 { // 30 candidates with the fixture's
		c := candCandidate(t, w.e, w.rec, "Page", fmt.Sprintf("Person %02d", i), fmt.Sprintf("page%d@example.com", i))
		if i < 27 {
			if err := w.e.svc.AddPoolMember(as(w.rec), pool.ID, c.ID); err != nil {
				t.Fatal(err)
			}
		}
		if i < 23 {
			if _, err := w.e.svc.CreateCandidateNote(as(w.rec), w.cand.ID, fmt.Sprintf("Note %d", i)); err != nil {
				t.Fatal(err)
			}
		}
	}
	_, total, err := w.e.svc.FindCandidates(as(w.rec), ats.CandidateFilter{})
	if err != nil || total != 30 {
		t.Fatalf("candidates: %d, %v", total, err)
	}
	tests := []struct {
		name, path, rows, pager, prev string
		shown                         int
	}{
		{"CandidatesList", "/candidates?offset=500", "table tbody tr", "26–30 of 30", "/candidates", 5},
		{"CandidatesListSearch", "/candidates?q=person&offset=75", "table tbody tr", "26–29 of 29", "/candidates?q=person", 4},
		{"PoolMembers", "/pools/" + pool.ID + "?offset=100", "table tbody tr", "26–27 of 27", "/pools/" + pool.ID, 2},
		{"CandidateNotes", "/candidates/" + w.cand.ID + "/notes?offset=40", ".cand-notes > li", "21–23 of 23",
			"/candidates/" + w.cand.ID + "/notes", 3},
	}
	c := w.e.signIn(t, w.rec)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := c.page(t, tc.path)
			if got := d.text(".pager span"); got != tc.pager {
				t.Errorf("pager = %q, want %q", got, tc.pager)
			}
			if got := d.count(tc.rows); got != tc.shown {
				t.Errorf("rows = %d, want %d", got, tc.shown)
			}
			if got := d.attr(`.pager a[rel="prev"]`, "href"); got != tc.prev || d.count(`.pager a[rel="next"]`) != 0 {
				t.Errorf("prev = %q, want %q; next links %d", got, tc.prev, d.count(`.pager a[rel="next"]`))
			}
		})
	}
}
