package web_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"attractor/internal/ats"
	"attractor/internal/browsertest"
)

// TestApplicationStoryInBrowser: the interviewer opens the application,
// sees no move or reject controls, submits feedback (first with a
// mistake) and sees it listed.
func TestApplicationStoryInBrowser(t *testing.T) {
	t.Parallel()
	w := candSetup(t)
	ctx := w.e.browser(t, w.iv, 1280)
	if err := chromedp.Do(ctx, chromedp.Navigate(w.e.url+"/applications/"+w.app.ID),
		chromedp.WaitVisible(chromedp.CSS("#feedback-form"))); err != nil {
		t.Fatalf("open application: %v", err)
	}
	controls, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#move-form, #reject-form").length`))
	if err != nil || controls != 0 {
		t.Fatalf("interviewer sees %d move/reject forms (err %v)", controls, err)
	}
	err = chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS("#f-interview_type"), "VIDEO"),
		chromedp.SendKeys(chromedp.CSS("#f-eval-attr-0"), "Communication"),
		chromedp.SendKeys(chromedp.CSS("#f-eval-result-0"), "Strong"),
		chromedp.SendKeys(chromedp.CSS("#f-comments"), "Explains trade-offs well."),
		chromedp.Click(chromedp.CSS("#feedback-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#f-recommendation-error")))
	if err != nil {
		t.Fatalf("submit without a recommendation: %v", err)
	}
	browsertest.Screenshot(t, ctx, "feedback-form.png")
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`input[name="recommendation"][value="strong_yes"]`)),
		chromedp.Click(chromedp.CSS("#feedback-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".app-feedback .app-rec")))
	if err != nil {
		t.Fatalf("submit feedback: %v", err)
	}
	got, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".app-feedback li")))
	if err != nil || !strings.Contains(got, "Strong yes") || !strings.Contains(got, "Explains trade-offs well.") {
		t.Errorf("listed feedback = %q (err %v)", got, err)
	}
	browsertest.Screenshot(t, ctx, "application.png")
}

// TestCandidateStoryInBrowser: a recruiter finds a candidate by an
// unaccented search, walks the profile's tabs, adds the candidate to a
// pool and sees them there; then the profile at phone width.
func TestCandidateStoryInBrowser(t *testing.T) {
	t.Parallel()
	w := candSetup(t)
	pool := candPool(t, w.e, w.rec, "Backend shortlist")
	if _, err := w.e.svc.CreateCandidateNote(as(w.rec), w.cand.ID, "Met at GopherCon."); err != nil {
		t.Fatal(err)
	}
	ctx := w.e.browser(t, w.rec, 1280)
	err := chromedp.Do(ctx, chromedp.Navigate(w.e.url+"/candidates?q=muller"),
		chromedp.WaitVisible(chromedp.CSS("table.cand-list .cand-name")))
	if err != nil {
		t.Fatalf("search: %v", err)
	}
	browsertest.Screenshot(t, ctx, "candidates-list.png")
	err = chromedp.Do(ctx, chromedp.Click(chromedp.CSS("table.cand-list .cand-name")), chromedp.WaitVisible(chromedp.CSS("#cand-fullname")))
	if err != nil {
		t.Fatalf("open profile: %v", err)
	}
	browsertest.Screenshot(t, ctx, "candidate-profile.png")
	candTabs(t, ctx)
	err = chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.tabs a[data-tab="profile"]`)), chromedp.WaitVisible(chromedp.CSS("#cand-fullname")),
		chromedp.SetValue(chromedp.CSS("#f-pool_id"), pool.ID), chromedp.Click(chromedp.CSS("#pool-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".flash")), chromedp.Navigate(w.e.url+"/pools"), chromedp.WaitVisible(chromedp.CSS(".pool-list")))
	if err != nil {
		t.Fatalf("add to pool: %v", err)
	}
	browsertest.Screenshot(t, ctx, "pools.png")
	err = chromedp.Do(ctx, chromedp.Navigate(w.e.url+"/pools/"+pool.ID), chromedp.WaitVisible(chromedp.CSS(".pool-members .cand-name")))
	if err != nil {
		t.Fatalf("pool lists the candidate: %v", err)
	}
	candNarrow(t, w, w.rec)
}

// candTabs clicks through the profile's other tabs, waiting for each.
func candTabs(t *testing.T, ctx context.Context) {
	t.Helper()
	steps := []struct{ tab, wait string }{{"applications", ".cand-apps .cand-open"}, {"notes", ".cand-note-text"},
		{"history", ".cand-history"}, {"linkedin", ".cand-linkedin"}}
	for _, s := range steps {
		err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.tabs a[data-tab="`+s.tab+`"]`)), chromedp.WaitVisible(chromedp.CSS(s.wait)))
		if err != nil {
			t.Fatalf("tab %s: %v", s.tab, err)
		}
		if s.tab == "applications" {
			browsertest.Screenshot(t, ctx, "candidate-applications.png")
		}
	}
}

// candNarrow opens the profile at 375 px and checks nothing overflows.
func candNarrow(t *testing.T, w *candWorld, u *ats.User) {
	t.Helper()
	ctx := w.e.browser(t, u, 375)
	err := chromedp.Do(ctx, chromedp.Navigate(w.e.url+"/candidates/"+w.cand.ID), chromedp.WaitVisible(chromedp.CSS("#cand-fullname")))
	if err != nil {
		t.Fatalf("open profile at 375 px: %v", err)
	}
	fitsWidth(t, ctx, 375)
	browsertest.Screenshot(t, ctx, "candidate-profile-375.png")
}
