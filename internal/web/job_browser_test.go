package web_test

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"

	"attractor/internal/ats"
	"attractor/internal/browsertest"
)

// TestJobStoryInBrowser walks the recruiter's story in Chromium: create a
// job (after a field error), staff its team, activate it, add candidates,
// move one and reject another; then the pipeline at phone width.
func TestJobStoryInBrowser(t *testing.T) {
	t.Parallel()
	b := jobSetup(t, false)
	ctx := b.e.browser(t, b.rec, 1280)
	jobDo(t, ctx, "open the jobs list", chromedp.Navigate(b.e.url+"/jobs"), chromedp.WaitVisible(chromedp.CSS("table.jobs")))
	browsertest.Screenshot(t, ctx, "jobs-list.png")

	jobDo(t, ctx, "submit an empty title",
		chromedp.Click(chromedp.CSS("a[href='/jobs/new']")), chromedp.WaitVisible(chromedp.CSS("#f-title")),
		chromedp.SendKeys(chromedp.CSS("#f-description"), "We build the pipeline."),
		chromedp.Click(chromedp.CSS("form.job-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#f-title-error")))
	browsertest.Screenshot(t, ctx, "job-new.png")

	jobDo(t, ctx, "create the job",
		chromedp.SendKeys(chromedp.CSS("#f-title"), "Site reliability engineer"),
		chromedp.SendKeys(chromedp.CSS(`#f-location\.city`), "Porto"),
		chromedp.SendKeys(chromedp.CSS(`#f-location\.country_code`), "PT"),
		chromedp.Click(chromedp.CSS("form.job-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".job-title")))

	jobDo(t, ctx, "staff the team",
		chromedp.Click(chromedp.CSS("a[href$='/team']")), chromedp.WaitVisible(chromedp.CSS("#f-add_user")),
		chromedp.SetValue(chromedp.CSS("#f-add_user"), b.intv.ID),
		chromedp.SetValue(chromedp.CSS("#f-add_role"), string(ats.TeamInterviewer)))
	browsertest.Screenshot(t, ctx, "job-team.png")
	jobDo(t, ctx, "save the team",
		chromedp.Click(chromedp.CSS("form[action$='/team'] button.primary")),
		chromedp.WaitVisible(chromedp.CSS(".job-team")))

	jobDo(t, ctx, "activate",
		chromedp.Click(chromedp.CSS("form[action$='/activate'] button")),
		chromedp.WaitVisible(chromedp.CSS("form.job-close")))
	browsertest.Screenshot(t, ctx, "job-show.png")

	jobDo(t, ctx, "open the pipeline and add two candidates",
		chromedp.Click(chromedp.CSS("a[href$='/pipeline']")), chromedp.WaitVisible(chromedp.CSS("form.new-candidate")),
		chromedp.SendKeys(chromedp.CSS("#f-first_name"), "Amal"), chromedp.SendKeys(chromedp.CSS("#f-last_name"), "Haddad"),
		chromedp.Click(chromedp.CSS("form.new-candidate button.primary")),
		chromedp.WaitVisible(chromedp.CSS("ul.apps li.app")),
		chromedp.SendKeys(chromedp.CSS("#f-first_name"), "Bo"), chromedp.SendKeys(chromedp.CSS("#f-last_name"), "Berg"),
		chromedp.Click(chromedp.CSS("form.new-candidate button.primary")),
		chromedp.WaitVisible(chromedp.CSS("ul.apps li.app:nth-child(2)")))

	first := "ul.apps li.app:first-child"
	screen, err := chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.querySelectorAll("`+first+
		` form.app-move option")].find(o => o.textContent === "Screen").value`))
	if err != nil {
		t.Fatalf("find the Screen phase: %v", err)
	}
	jobDo(t, ctx, "move the first to Screen",
		chromedp.SetValue(chromedp.CSS(first+" form.app-move select"), screen),
		chromedp.Click(chromedp.CSS(first+" form.app-move button")),
		chromedp.WaitNotPresent(chromedp.CSS("ul.apps li.app:nth-child(2)")))
	jobDo(t, ctx, "reject the other",
		chromedp.SendKeys(chromedp.CSS(first+" form.app-reject input[name=reason]"), "Not qualified"),
		chromedp.Click(chromedp.CSS(first+" form.app-reject button")),
		chromedp.WaitVisible(chromedp.CSS(".reject-reason")))
	browsertest.Screenshot(t, ctx, "pipeline.png")

	pipeline, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	phone := b.e.browser(t, b.rec, 375)
	jobDo(t, phone, "open the pipeline at 375 px", chromedp.Navigate(pipeline), chromedp.WaitVisible(chromedp.CSS("ul.apps")))
	fitsWidth(t, phone, 375)
	browsertest.Screenshot(t, phone, "pipeline-375.png")
}

// jobDo runs browser steps, failing the test with what was being done.
func jobDo(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}
