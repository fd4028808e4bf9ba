package storetest

import (
	"context"
	"slices"
	"sync"
	"testing"

	"attractor/internal/ats"
)

func testJob(t *testing.T, open OpenFunc) {
	t.Run("NextNumberFrom1001PerCounter", func(t *testing.T) {
		e := setup(t, open)
		var got []int64
		e.update(t, func(tx ats.Tx) error {
			for _, c := range []string{"job", "job", "candidate", "job"} {
				n, err := tx.NextNumber(c)
				check(t, err)
				got = append(got, n)
			}
			return nil
		})
		diff(t, "numbers", got, []int64{1001, 1002, 1001, 1003})
	})
	t.Run("NextNumberConcurrently", testNextNumberConcurrently(open))
	t.Run("CreateFindRoundTrip", testJobRoundTrip(open))
	t.Run("ErrNotFound", func(t *testing.T) {
		e := setup(t, open)
		e.view(t, func(tx ats.Tx) error {
			_, err := tx.FindJobByID("missing")
			wantCode(t, err, ats.ENOTFOUND)
			_, err = tx.FindJobByNumber("J-1")
			wantCode(t, err, ats.ENOTFOUND)
			_, err = tx.FindJobPhases("missing")
			wantCode(t, err, ats.ENOTFOUND)
			_, err = tx.FindTeam("missing")
			wantCode(t, err, ats.ENOTFOUND)
			_, err = tx.CountApplications("missing")
			wantCode(t, err, ats.ENOTFOUND)
			return nil
		})
		for name, fn := range map[string]func(ats.Tx) error{
			"update": func(tx ats.Tx) error { return tx.UpdateJob(&ats.Job{ID: "missing"}) },
			"delete": func(tx ats.Tx) error { return tx.DeleteJob("missing") },
			"phases": func(tx ats.Tx) error { return tx.ReplaceJobPhases("missing", ats.DefaultPhases()) },
			"team":   func(tx ats.Tx) error { return tx.ReplaceTeam("missing", nil) },
		} {
			if got := ats.ErrorCode(e.updateErr(fn)); got != ats.ENOTFOUND {
				t.Errorf("%s: code %q, want not found", name, got)
			}
		}
	})
	t.Run("ErrDuplicateNumber", func(t *testing.T) {
		e := setup(t, open)
		j, _ := mustCreateJob(t, e, "One", "")
		dup := newJob("Two")
		dup.Number = j.Number
		wantCode(t, e.updateErr(func(tx ats.Tx) error { return tx.CreateJob(dup, ats.DefaultPhases(), nil) }), ats.ECONFLICT)
	})
	t.Run("FindJobsFilterQueryPaging", testFindJobs(open))
	t.Run("UpdateRoundTrip", func(t *testing.T) {
		e := setup(t, open)
		j, _ := mustCreateJob(t, e, "Go Engineer", "")
		activated, closed := at(40), at(50)
		j.Title, j.Status, j.CloseReason, j.Openings = hostile[0], ats.JobClosed, ats.CloseCancelled, 3
		j.ActivatedAt, j.ClosedAt, j.UpdatedAt = &activated, &closed, at(50)
		j.Location.Region = hostile[3]
		e.update(t, func(tx ats.Tx) error { return tx.UpdateJob(j) })
		e.view(t, func(tx ats.Tx) error {
			got, err := tx.FindJobByID(j.ID)
			check(t, err)
			diff(t, "job", got, j)
			return nil
		})
	})
	t.Run("TeamReplaceAndRoles", testTeam(open))
	t.Run("ReplacePhasesKeepsUsedOnes", testReplaceJobPhases(open))
	t.Run("CountApplicationsByPhase", func(t *testing.T) {
		e := setup(t, open)
		p := mustCreatePipeline(t, e)
		c2 := mustCreateCandidate(t, e, "Ann", "Lee", "ann@example.com")
		mustCreateApplication(t, e, c2, p.job, p.phases[1])
		e.view(t, func(tx ats.Tx) error {
			got, err := tx.CountApplications(p.job.ID)
			check(t, err)
			diff(t, "counts", got, ats.JobCounts{p.phases[1].ID: 2})
			return nil
		})
	})
}

func testJobRoundTrip(open OpenFunc) func(*testing.T) {
	return func(t *testing.T) {
		e := setup(t, open)
		u := mustCreateUser(t, e, "rita@example.com", "Rita")
		activated := at(3)
		j := newJob("山田太郎 <b>Engineer</b>")
		j.Description, j.TemplateID, j.CreatedBy, j.ActivatedAt = hostile[1]+"\n"+hostile[4], "tmpl-1", u.ID, &activated
		phases := ats.DefaultPhases()
		team := []ats.TeamMember{{UserID: u.ID, Role: ats.TeamHiringManager}}
		e.update(t, func(tx ats.Tx) error { return tx.CreateJob(j, phases, team) })
		if j.Number != "J-1001" {
			t.Errorf("assigned number %q, want J-1001", j.Number)
		}
		for i := range phases {
			phases[i].Position = i
		}
		e.view(t, func(tx ats.Tx) error {
			got, err := tx.FindJobByID(j.ID)
			check(t, err)
			diff(t, "by id", got, j)
			got, err = tx.FindJobByNumber("J-1001")
			check(t, err)
			diff(t, "by number", got, j)
			ph, err := tx.FindJobPhases(j.ID)
			check(t, err)
			diff(t, "phases", ph, phases)
			tm, err := tx.FindTeam(j.ID)
			check(t, err)
			diff(t, "team", tm, []ats.TeamMember{{UserID: u.ID, Role: ats.TeamHiringManager, Name: "Rita", Email: "rita@example.com"}})
			return nil
		})
	}
}

func testFindJobs(open OpenFunc) func(*testing.T) {
	return func(t *testing.T) {
		e := setup(t, open)
		titles := []string{"Ingénieur logiciel", "Go Engineer", "Data_Engineer", "Designer", "Dataxengineer"}
		var jobs []*ats.Job
		for i, title := range titles {
			j := newJob(title)
			j.CreatedAt = at(i)
			if i == 3 {
				j.Status = ats.JobDraft
			}
			e.update(t, func(tx ats.Tx) error { return tx.CreateJob(j, ats.DefaultPhases(), nil) })
			jobs = append(jobs, j)
		}
		ivy := mustCreateUser(t, e, "ivy@example.com", "Ivy")
		e.update(t, func(tx ats.Tx) error {
			return tx.ReplaceTeam(jobs[1].ID, []ats.TeamMember{{UserID: ivy.ID, Role: ats.TeamInterviewer}})
		})
		e.update(t, func(tx ats.Tx) error {
			return tx.ReplaceTeam(jobs[4].ID, []ats.TeamMember{{UserID: ivy.ID, Role: ats.TeamRecruiter}})
		})
		leads := []ats.TeamRole{ats.TeamHiringManager, ats.TeamRecruiter}
		cases := []struct {
			name  string
			f     ats.JobFilter
			want  []string
			total int
		}{
			{"AllNewestFirst", ats.JobFilter{}, []string{"Dataxengineer", "Designer", "Data_Engineer", "Go Engineer", "Ingénieur logiciel"}, 5},
			{"Status", ats.JobFilter{Status: ats.JobDraft}, []string{"Designer"}, 1},
			{"FoldedTitle", ats.JobFilter{Query: "INGENIEUR"}, []string{"Ingénieur logiciel"}, 1},
			{"Number", ats.JobFilter{Query: jobs[1].Number}, []string{"Go Engineer"}, 1},
			{"UnderscoreIsLiteral", ats.JobFilter{Query: "a_e"}, []string{"Data_Engineer"}, 1},
			{"Paging", ats.JobFilter{Query: "engineer", Page: ats.Page{Limit: 1, Offset: 1}}, []string{"Data_Engineer"}, 3},
			{"StatusAndQueryNoMatch", ats.JobFilter{Status: ats.JobDraft, Query: "engineer"}, []string{}, 0},
			{"MemberSeesOwnJobsOnly", ats.JobFilter{MemberID: ivy.ID}, []string{"Dataxengineer", "Go Engineer"}, 2},
			{"MemberRolesKeepThoseSeats", ats.JobFilter{MemberID: ivy.ID, MemberRoles: leads}, []string{"Dataxengineer"}, 1},
			{"MemberRolesInterviewer", ats.JobFilter{MemberID: ivy.ID, MemberRoles: []ats.TeamRole{ats.TeamInterviewer}}, []string{"Go Engineer"}, 1},
			{"MemberRolesAndQuery", ats.JobFilter{MemberID: ivy.ID, MemberRoles: leads, Query: "go"}, []string{}, 0},
			{"MemberWithoutSeats", ats.JobFilter{MemberID: "nobody"}, []string{}, 0},
		}
		e.view(t, func(tx ats.Tx) error {
			for _, c := range cases {
				got, total, err := tx.FindJobs(c.f)
				check(t, err)
				diff(t, c.name+" titles", jobTitles(got), c.want)
				diff(t, c.name+" total", total, c.total)
			}
			return nil
		})
	}
}

func jobTitles(js []*ats.Job) []string {
	out := []string{}
	for _, j := range js {
		out = append(out, j.Title)
	}
	return out
}

func testTeam(open OpenFunc) func(*testing.T) {
	return func(t *testing.T) {
		e := setup(t, open)
		rita := mustCreateUser(t, e, "rita@example.com", "Rita")
		hank := mustCreateUser(t, e, "hank@example.com", "Hank")
		ivy := mustCreateUser(t, e, "ivy@example.com", "Ivy")
		j, _ := mustCreateJob(t, e, "Go Engineer", rita.ID)
		team := []ats.TeamMember{{UserID: ivy.ID, Role: ats.TeamInterviewer}, {UserID: hank.ID, Role: ats.TeamHiringManager}}
		e.update(t, func(tx ats.Tx) error { return tx.ReplaceTeam(j.ID, team) })
		e.view(t, func(tx ats.Tx) error {
			got, err := tx.FindTeam(j.ID)
			check(t, err)
			diff(t, "team", got, []ats.TeamMember{
				{UserID: hank.ID, Role: ats.TeamHiringManager, Name: "Hank", Email: "hank@example.com"},
				{UserID: ivy.ID, Role: ats.TeamInterviewer, Name: "Ivy", Email: "ivy@example.com"},
			})
			role, err := tx.FindTeamRole(j.ID, rita.ID)
			check(t, err)
			diff(t, "removed role", role, ats.TeamNone)
			role, err = tx.FindTeamRole(j.ID, hank.ID)
			check(t, err)
			diff(t, "role", role, ats.TeamHiringManager)
			return nil
		})
		twice := []ats.TeamMember{{UserID: ivy.ID, Role: ats.TeamInterviewer}, {UserID: ivy.ID, Role: ats.TeamRecruiter}}
		wantCode(t, e.updateErr(func(tx ats.Tx) error { return tx.ReplaceTeam(j.ID, twice) }), ats.ECONFLICT)
		ghost := []ats.TeamMember{{UserID: "missing", Role: ats.TeamRecruiter}}
		wantCode(t, e.updateErr(func(tx ats.Tx) error { return tx.ReplaceTeam(j.ID, ghost) }), ats.ENOTFOUND)
	}
}

func testReplaceJobPhases(open OpenFunc) func(*testing.T) {
	return func(t *testing.T) {
		e := setup(t, open)
		p := mustCreatePipeline(t, e) // the application sits in phases[1]
		without := func(skip int) []ats.Phase {
			var out []ats.Phase
			for i, ph := range p.phases {
				if i != skip {
					out = append(out, ph)
				}
			}
			return out
		}
		err := e.updateErr(func(tx ats.Tx) error { return tx.ReplaceJobPhases(p.job.ID, without(1)) })
		wantCode(t, err, ats.ECONFLICT)
		next := without(3) // Interview is empty
		e.update(t, func(tx ats.Tx) error { return tx.ReplaceJobPhases(p.job.ID, next) })
		e.view(t, func(tx ats.Tx) error {
			got, err := tx.FindJobPhases(p.job.ID)
			check(t, err)
			diff(t, "phases", got, next)
			return nil
		})
	}
}

// testNextNumberConcurrently draws numbers from one counter in eight
// goroutines at once, each draw in its own transaction as the service
// draws them: every draw succeeds (none gives up after losing races on
// the counter row) and the numbers are 1001 onwards without a repeat.
func testNextNumberConcurrently(open OpenFunc) func(*testing.T) {
	return func(t *testing.T) {
		e := setup(t, open)
		const workers, draws = 8, 25
		got := make([][]int64, workers)
		var wg sync.WaitGroup
		for w := range workers {
			wg.Go(func() {
				for range draws {
					n, err := e.NextNumber(context.Background(), "candidate")
					if err != nil {
						t.Errorf("worker %d: %v", w, err)
						return
					}
					got[w] = append(got[w], n)
				}
			})
		}
		wg.Wait()
		all := slices.Concat(got...)
		slices.Sort(all)
		want := make([]int64, workers*draws)
		for i := range want {
			want[i] = 1001 + int64(i)
		}
		diff(t, "numbers drawn", all, want)
	}
}
