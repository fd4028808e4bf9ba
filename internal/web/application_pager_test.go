package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"
)

// TestApplicationNotesPagerAfterFailedPost checks that the notes pager of
// a page re-rendered after a failed note or feedback post links to the
// page (GET /applications/{id}, /candidates/{id}/notes), not to the
// address the form posted to.
func TestApplicationNotesPagerAfterFailedPost(t *testing.T) {
	t.Parallel()
	w := candSetup(t)
	for i := range 25 {
		if _, err := w.e.svc.CreateApplicationNote(as(w.rec), w.app.ID, fmt.Sprintf("App note %d", i)); err != nil {
			t.Fatal(err)
		}
		if _, err := w.e.svc.CreateCandidateNote(as(w.rec), w.cand.ID, fmt.Sprintf("Cand note %d", i)); err != nil {
			t.Fatal(err)
		}
	}
	app, cand := "/applications/"+w.app.ID, "/candidates/"+w.cand.ID
	for _, tc := range []struct {
		name, post string
		form       url.Values
		want       string
	}{
		{"ApplicationNote", app + "/notes", url.Values{"text": {""}}, app + "?offset=20"},
		{"ApplicationFeedback", app + "/feedback", url.Values{"recommendation": {"nonsense"}}, app + "?offset=20"},
		{"CandidateNote", cand + "/notes", url.Values{"text": {""}}, cand + "/notes?offset=20"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := w.e.signIn(t, w.rec)
			resp := c.post(t, tc.post, tc.form)
			d := readDoc(t, resp)
			if resp.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422", resp.StatusCode)
			}
			next := d.attr(`.pager a[rel="next"]`, "href")
			if next != tc.want {
				t.Fatalf("next page link = %q, want %q", next, tc.want)
			}
			if resp, _ := c.get(t, next); resp.StatusCode != http.StatusOK {
				t.Errorf("GET %s = %d", next, resp.StatusCode)
			}
		})
	}
}
