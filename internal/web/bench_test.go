package web_test

import (
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"attractor/internal/ats"
	"attractor/internal/seed"
)

// benchSizes is the data set of the page benchmark: the 100,000
// candidates with 10,000 applications on one job (the seeder spreads them
// over the job's phases, one in seven a prospect). ATTRACTOR_BENCH_CANDIDATES
// shrinks it for a quick run.
func benchSizes(b *testing.B) seed.Sizes {
	sz := seed.Sizes{Jobs: 1, Candidates: 100_000, Applications: 10_000, Notes: 2_000, Feedback: 500, Seed: 7}
	if v := os.Getenv("ATTRACTOR_BENCH_CANDIDATES"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 100 {
			b.Fatalf("ATTRACTOR_BENCH_CANDIDATES=%q: want a number ≥ 100", v)
		}
		sz.Candidates, sz.Applications = n, min(n, sz.Applications)
	}
	return sz
}

// BenchmarkPages measures whole page requests (routing, session, service,
// storage, template) over loopback HTTP on SQLite, signed in as the job's
// recruiter, and reports p50 and p95 latency per page. The seeding takes
// about a minute and a half and is not timed.
func BenchmarkPages(b *testing.B) {
	e := newEnv(b)
	sz := benchSizes(b)
	start := time.Now()
	w, err := seed.ATS(systemCtx(), e.svc, sz)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("seeded %d candidates and %d applications on one job in %v", sz.Candidates, w.Applications,
		time.Since(start).Round(time.Second))
	c := e.anonymous(b)
	if resp := c.post(b, "/signin", url.Values{"email": {w.Recruiter.Email}, "password": {"seeded-password-1"}}); resp.StatusCode != http.StatusSeeOther {
		b.Fatalf("sign in: %d", resp.StatusCode)
	}
	job := w.Jobs[0]
	phases, err := e.svc.FindJobPhases(as(w.Recruiter), job.ID)
	if err != nil {
		b.Fatal(err)
	}
	busiest := benchBusiestPhase(b, e, w.Recruiter, job.ID, phases)
	profile := w.Candidates[0] // candidate 0 has applications, notes and history
	pages := []struct{ name, path string }{
		{"pipeline", "/jobs/" + job.ID + "/pipeline"},
		{"pipeline-busiest-phase", "/jobs/" + job.ID + "/pipeline?phase=" + busiest},
		{"pipeline-busiest-phase-deep", "/jobs/" + job.ID + "/pipeline?phase=" + busiest + "&offset=2000"},
		{"candidates", "/candidates"},
		{"candidates-search", "/candidates?q=" + url.QueryEscape(profile.LastName)},
		{"candidates-deep", "/candidates?offset=50000"},
		{"candidate-profile", "/candidates/" + profile.ID},
		{"candidate-applications", "/candidates/" + profile.ID + "/applications"},
		{"candidate-history", "/candidates/" + profile.ID + "/history"},
	}
	for _, p := range pages {
		b.Run(p.name, func(b *testing.B) { benchPage(b, c, p.path) })
	}
}

// benchBusiestPhase is the id of the job's phase with the most
// applications, the worst case for a pipeline column.
func benchBusiestPhase(b *testing.B, e *env, u *ats.User, jobID string, phases []ats.Phase) string {
	b.Helper()
	counts, err := e.svc.JobCounts(as(u), jobID)
	if err != nil {
		b.Fatal(err)
	}
	best := phases[0].ID
	for _, p := range phases {
		if counts[p.ID] > counts[best] {
			best = p.ID
		}
	}
	b.Logf("busiest phase holds %d applications", counts[best])
	return best
}

// benchPage requests path b.N times and reports p50/p95 latency.
func benchPage(b *testing.B, c *client, path string) {
	durations := make([]time.Duration, 0, 1024)
	for b.Loop() {
		start := time.Now()
		resp, err := c.http.Get(c.e.url + path)
		if err != nil {
			b.Fatal(err)
		}
		_, _ = readAll(resp)
		durations = append(durations, time.Since(start))
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("GET %s: status %d", path, resp.StatusCode)
		}
	}
	slices.Sort(durations)
	ms := func(p int) float64 { return float64(durations[(len(durations)-1)*p/100].Microseconds()) / 1000 }
	b.ReportMetric(ms(50), "p50-ms")
	b.ReportMetric(ms(95), "p95-ms")
}
