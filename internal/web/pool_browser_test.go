package web_test

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestPoolFormInBrowser types a new pool's name, searches for people (the
// name survives the search's reload), then presses Enter in the name
// field, which must create the pool, not search again.
func TestPoolFormInBrowser(t *testing.T) {
	t.Parallel()
	w := candSetup(t)
	ctx := w.e.browser(t, w.rec, 1280)
	err := chromedp.Do(ctx, chromedp.Navigate(w.e.url+"/pools"),
		chromedp.WaitVisible(chromedp.CSS("#pool-create-form #f-name")),
		chromedp.SendKeys(chromedp.CSS("#pool-create-form #f-name"), "Typed before searching"),
		chromedp.SendKeys(chromedp.CSS("#pool-create-form #f-uq"), "hiring"),
		chromedp.Click(chromedp.CSS("#pool-create-form button[name=search]")),
		chromedp.WaitVisible(chromedp.CSS(`#pool-create-form #f-uq[value="hiring"]`)))
	if err != nil {
		t.Fatalf("search: %v", err)
	}
	name, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("#pool-create-form #f-name")))
	if err != nil {
		t.Fatal(err)
	}
	if name != "Typed before searching" {
		t.Fatalf("name after the search = %q, want it kept", name)
	}
	enter, cancel := context.WithTimeout(ctx, 15*time.Second) // a search instead would leave the page waiting
	defer cancel()
	err = chromedp.Do(enter, chromedp.SendKeys(chromedp.CSS("#pool-create-form #f-name"), kb.Enter),
		chromedp.WaitVisible(chromedp.CSS("#pool-edit-form")))
	if err != nil {
		t.Fatalf("Enter in the name field did not create the pool: %v", err)
	}
	if heading, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1"))); err != nil || heading != "Typed before searching" {
		t.Errorf("pool page heading = %q (%v)", heading, err)
	}
}
