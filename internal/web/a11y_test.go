package web_test

import (
	"strings"
	"testing"

	"golang.org/x/net/html"

	"attractor/internal/ats"
)

// TestPagesLabelEveryControl walks every page an admin and a recruiter
// reach and checks what a keyboard or screen-reader user needs: every form
// control has a label (a <label for>, a wrapping label, aria-label or
// aria-labelledby), every button and link has a name, no id is used twice,
// and nothing is taken out of the tab order except the main landmark.
func TestPagesLabelEveryControl(t *testing.T) {
	t.Parallel()
	b := jobSetup(t, true)
	apps := jobApply(t, b, 3, false)
	draft, err := b.e.svc.CreateJob(as(b.rec), ats.JobInput{Title: "Draft role"})
	if err != nil {
		t.Fatal(err)
	}
	pools, _, err := b.e.svc.FindPools(as(b.admin), ats.Page{Limit: 1})
	if err != nil || len(pools) == 0 {
		t.Fatalf("FindPools: %v", err)
	}
	tpls, err := b.e.svc.FindTemplates(as(b.admin))
	if err != nil || len(tpls) == 0 {
		t.Fatalf("FindTemplates: %v", err)
	}
	cand, job := apps[0].CandidateID, b.job.ID
	paths := []string{"/", "/?scope=all", "/jobs", "/jobs/new", "/jobs/" + job, "/jobs/" + job + "/edit",
		"/jobs/" + job + "/team", "/jobs/" + job + "/pipeline", "/jobs/" + draft.ID + "/process",
		"/candidates", "/candidates/new", "/candidates/" + cand, "/candidates/" + cand + "/applications",
		"/candidates/" + cand + "/notes", "/candidates/" + cand + "/history", "/candidates/" + cand + "/linkedin",
		"/applications/" + apps[0].ID, "/pools", "/pools/" + pools[0].ID, "/admin", "/admin/users",
		"/admin/users/" + b.rec.ID, "/admin/templates", "/admin/templates/" + tpls[0].ID, "/admin/linkedin",
		"/settings", "/settings/connections"}
	for _, u := range []*ats.User{b.admin, b.rec} {
		c := b.e.signIn(t, u)
		for _, p := range paths {
			resp, d := c.get(t, p)
			if resp.StatusCode == 403 && u.Role != ats.RoleAdmin {
				continue // the recruiter's refusals are tested elsewhere
			}
			if resp.StatusCode != 200 {
				t.Errorf("%s as %s: status %d", p, u.Role, resp.StatusCode)
				continue
			}
			for _, problem := range a11yProblems(d) {
				t.Errorf("%s as %s: %s", p, u.Role, problem)
			}
		}
	}
	d := b.e.anonymous(t).page(t, "/signin")
	for _, problem := range a11yProblems(d) {
		t.Errorf("/signin: %s", problem)
	}
}

// a11yProblems lists what a page gets wrong of the rules above.
func a11yProblems(d *doc) []string {
	labelled := map[string]bool{}
	for _, l := range d.all("label[for]") {
		labelled[attrOf(l, "for")] = true
	}
	var out []string
	seen := map[string]bool{}
	for _, n := range d.all("[id]") {
		id := attrOf(n, "id")
		if seen[id] {
			out = append(out, "id "+id+" is used twice")
		}
		seen[id] = true
	}
	for _, n := range d.all("input:not([type=hidden]):not([type=submit]):not([type=button]), select, textarea") {
		if !labelled[attrOf(n, "id")] && attrOf(n, "aria-label") == "" && attrOf(n, "aria-labelledby") == "" && !insideLabel(n) {
			out = append(out, "unlabelled <"+n.Data+" name="+attrOf(n, "name")+">")
		}
	}
	for _, n := range d.all("button, a[href]") {
		if textOf(n) == "" && attrOf(n, "aria-label") == "" {
			out = append(out, "<"+n.Data+"> without a name")
		}
	}
	for _, n := range d.all("[tabindex]") {
		if strings.HasPrefix(attrOf(n, "tabindex"), "-") && n.Data != "main" {
			out = append(out, "<"+n.Data+"> is out of the tab order")
		}
	}
	return out
}

// attrOf is a node's attribute, "" when absent.
func attrOf(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

// insideLabel reports whether n sits inside a <label>.
func insideLabel(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && p.Data == "label" {
			return true
		}
	}
	return false
}
