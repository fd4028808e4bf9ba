package web_test

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"attractor/internal/ats"
)

// jobTeamFormAsRendered is the team form as the page would submit it
// untouched: each member row's user and selected seat, nobody to add.
func jobTeamFormAsRendered(t *testing.T, d *doc) url.Values {
	t.Helper()
	f := url.Values{"add_user": {d.attr("#f-add_user option[selected]", "value")},
		"add_role": {d.attr("#f-add_role option[selected]", "value")}}
	for i := range d.count(".team-row") {
		key := fmt.Sprintf("member.%d.", i)
		f.Set(key+"user", d.attr(fmt.Sprintf(`input[name="%suser"]`, key), "value"))
		f.Set(key+"role", d.attr(fmt.Sprintf("#member-%d-role option[selected]", i), "value"))
	}
	return f
}

// TestJobTeamSearch checks that the hiring team editor offers at most 50
// people to add, says when there are more, finds the others by a search
// (?uq, name or email, any case), and always lists the members, so saving
// the form untouched keeps a member no list would show.
func TestJobTeamSearch(t *testing.T) {
	t.Parallel()
	b := jobSetup(t, false)
	var bulk []*ats.User
	for i := range 60 {
		bulk = append(bulk, b.e.mustUser(t, ats.RoleInterviewer, fmt.Sprintf("Bulk User %02d", i)))
	}
	late := b.e.mustUser(t, ats.RoleInterviewer, "Zz Late Member")
	team := []ats.TeamMember{{UserID: b.rec.ID, Role: ats.TeamRecruiter}, {UserID: b.hm.ID, Role: ats.TeamHiringManager},
		{UserID: b.intv.ID, Role: ats.TeamInterviewer}, {UserID: late.ID, Role: ats.TeamInterviewer}}
	if _, err := b.e.svc.ReplaceTeam(as(b.rec), b.job.ID, team); err != nil {
		t.Fatal(err)
	}
	path := "/jobs/" + b.job.ID + "/team"
	c := b.e.signIn(t, b.rec)
	fifty5th := bulk[54]

	t.Run("ListCappedAndAnnounced", func(t *testing.T) {
		d := c.page(t, path)
		opts := d.texts("#f-add_user option")
		btn := "#team-form button[name=search]"
		if len(opts) > 51 || d.text("#user-count") == "" || d.attr(btn, "formmethod") != "get" || d.attr(btn, "formaction") != path {
			t.Errorf("%d choices, note %q, Search button formmethod %q formaction %q", len(opts), d.text("#user-count"),
				d.attr(btn, "formmethod"), d.attr(btn, "formaction"))
		}
		if slices.Contains(opts, fifty5th.Name+" (Interviewer)") {
			t.Errorf("unsearched list offers %s", fifty5th.Name)
		}
		if got := d.texts(".team-row .who-name strong bdi"); !slices.Contains(got, late.Name) || len(got) != 4 {
			t.Errorf("member rows = %q, want 4 with %s", got, late.Name)
		}
	})
	t.Run("SearchFinds55th", func(t *testing.T) {
		for _, q := range []string{"bulk user 54", strings.ToUpper(fifty5th.Email)} {
			d := c.page(t, path+"?uq="+url.QueryEscape(q))
			want := []string{"Choose a person", fifty5th.Name + " (Interviewer)"}
			if diff := cmp.Diff(want, d.texts("#f-add_user option")); diff != "" || d.attr("#f-uq", "value") != q {
				t.Errorf("uq=%q: choices (-want +got):\n%s", q, diff)
			}
			if d.count(".team-row") != 4 || d.text("#user-count") != "" {
				t.Errorf("uq=%q: %d member rows, note %q", q, d.count(".team-row"), d.text("#user-count"))
			}
		}
		d := c.page(t, path+"?uq="+url.QueryEscape(late.Name))
		if d.text("#no-matches") == "" || d.count(".team-row") != 4 {
			t.Errorf("search for a member: note %q, %d rows", d.text("#no-matches"), d.count(".team-row"))
		}
	})
	t.Run("SearchKeepsPendingChanges", func(t *testing.T) {
		// What the browser sends when the user changes a seat, ticks a
		// removal and picks a seat to add, then searches.
		f := jobTeamFormAsRendered(t, c.page(t, path))
		f.Set("member.2.role", string(ats.TeamHiringManager))
		f.Set("member.3.remove", "on")
		f.Set("add_role", string(ats.TeamRecruiter))
		f.Set("uq", "bulk user 54")
		f.Set("search", "1")
		d := c.page(t, path+"?"+f.Encode())
		if got := d.attr("#member-2-role option[selected]", "value"); got != string(ats.TeamHiringManager) {
			t.Errorf("changed seat after search = %q", got)
		}
		if d.count(`input[name="member.3.remove"][checked]`) != 1 {
			t.Error("removal tick lost by the search")
		}
		if got := d.attr("#f-add_role option[selected]", "value"); got != string(ats.TeamRecruiter) {
			t.Errorf("seat to add after search = %q", got)
		}
		if opts := d.texts("#f-add_user option"); !slices.Contains(opts, fifty5th.Name+" (Interviewer)") {
			t.Errorf("search matches %q", opts)
		}
	})
	t.Run("SaveUntouchedKeepsEveryMember", func(t *testing.T) {
		c.submit(t, path, jobTeamFormAsRendered(t, c.page(t, path)))
		got, err := b.e.svc.FindTeam(as(b.rec), b.job.ID)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(jobTeamSeats(team), jobTeamSeats(got)); diff != "" {
			t.Errorf("team after saving untouched (-want +got):\n%s", diff)
		}
	})
	t.Run("AddFoundPerson", func(t *testing.T) {
		f := jobTeamFormAsRendered(t, c.page(t, path+"?uq=bulk+user+54"))
		f.Set("add_user", fifty5th.ID)
		c.submit(t, path, f)
		got, err := b.e.svc.FindTeam(as(b.rec), b.job.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := jobTeamSeats(append(slices.Clone(team), ats.TeamMember{UserID: fifty5th.ID, Role: ats.TeamInterviewer}))
		if !cmp.Equal(want, jobTeamSeats(got)) {
			t.Errorf("team = %q, want %q", jobTeamSeats(got), want)
		}
	})
}

// jobTeamSeats is a team as sorted "user=seat" pairs, for comparing.
func jobTeamSeats(team []ats.TeamMember) []string {
	var out []string
	for _, m := range team {
		out = append(out, m.UserID+"="+string(m.Role))
	}
	slices.Sort(out)
	return out
}
