package web_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"attractor/internal/ats"
	"attractor/internal/browsertest"
)

// TestKeyboardOnlyStory uses the keyboard alone in Chromium: Tab to the
// sign-in fields, type, Enter; then the skip link takes focus to the main
// content, and a job is created from the new-job form with Tab, typing and
// Enter. Each step asserts where the focus is.
func TestKeyboardOnlyStory(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	u := e.mustUser(t, ats.RoleRecruiter, "Kim Keyboard")
	ctx := browsertest.New(t, 1280, 900)
	if err := chromedp.Do(ctx, chromedp.Navigate(e.url+"/signin"), chromedp.WaitVisible(chromedp.CSS("#f-email"))); err != nil {
		t.Fatal(err)
	}
	keyboardTabTo(t, ctx, "f-email")
	keyboardType(t, ctx, u.Email+"\t")
	keyboardFocused(t, ctx, "f-password")
	keyboardType(t, ctx, testPassword+"\r")
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("header.site nav"))); err != nil {
		t.Fatalf("signed in by keyboard: %v", err)
	}

	if err := chromedp.Do(ctx, chromedp.Navigate(e.url+"/jobs/new"), chromedp.WaitVisible(chromedp.CSS("#f-title"))); err != nil {
		t.Fatal(err)
	}
	keyboardType(t, ctx, "\t") // the first Tab reaches the skip link
	keyboardFocused(t, ctx, "")
	keyboardType(t, ctx, "\r")
	keyboardFocused(t, ctx, "main")
	keyboardTabTo(t, ctx, "f-title")
	keyboardType(t, ctx, "Keyboard engineer\r") // Enter in a text field submits the form
	if err := chromedp.Do(ctx, chromedp.WaitNotPresent(chromedp.CSS("#f-title"))); err != nil {
		t.Fatalf("the form was not submitted: %v", err)
	}
	title, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main h1")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(title, "Keyboard engineer") {
		t.Errorf("after submitting by keyboard the page's heading is %q", title)
	}
}

// keyboardActive is the id of the focused element ("" when it has none).
func keyboardActive(t *testing.T, ctx context.Context) string {
	t.Helper()
	id, err := chromedp.Run(ctx, chromedp.Evaluate[string]("document.activeElement ? document.activeElement.id : ''"))
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// keyboardTabTo presses Tab until the element with id has the focus.
func keyboardTabTo(t *testing.T, ctx context.Context, id string) {
	t.Helper()
	for range 40 {
		if keyboardActive(t, ctx) == id {
			return
		}
		keyboardType(t, ctx, "\t")
	}
	t.Fatalf("Tab never reached #%s", id)
}

// keyboardFocused requires the focus on the element with id.
func keyboardFocused(t *testing.T, ctx context.Context, id string) {
	t.Helper()
	if got := keyboardActive(t, ctx); got != id {
		t.Fatalf("focus is on #%s, want #%s", got, id)
	}
}

// keyboardType sends keys to the focused element.
func keyboardType(t *testing.T, ctx context.Context, keys string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.KeyEvent(keys)); err != nil {
		t.Fatalf("keys %q: %v", keys, err)
	}
}
