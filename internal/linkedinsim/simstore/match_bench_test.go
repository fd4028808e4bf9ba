package simstore_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"attractor/internal/linkedinsim"
	"attractor/internal/linkedinsim/simstore"
	"attractor/internal/sqldb"
	"attractor/internal/sqldb/sqldbtest"
)

// quality is what the labelled set measures.
type quality struct {
	named, top1, top5, decoys, decoyEmpty int
}

func (q quality) precisionAt1() float64 { return float64(q.top1) / float64(max(q.named, 1)) }
func (q quality) recallAt5() float64    { return float64(q.top5) / float64(max(q.named, 1)) }
func (q quality) noMatchRate() float64  { return float64(q.decoyEmpty) / float64(max(q.decoys, 1)) }

// measure matches every labelled candidate and counts hits, returning the
// latency of each lookup too.
func measure(tb testing.TB, svc *linkedinsim.Service, set []linkedinsim.LabelledCandidate) (quality, []time.Duration) {
	tb.Helper()
	var q quality
	lat := make([]time.Duration, 0, len(set))
	for _, c := range set {
		start := time.Now()
		res, err := svc.MatchCandidate(context.Background(), c.Facts)
		lat = append(lat, time.Since(start))
		if err != nil {
			tb.Fatal(err)
		}
		if c.Want == 0 {
			q.decoys++
			if len(res.Suggestions) == 0 {
				q.decoyEmpty++
			}
			continue
		}
		q.named++
		for i, s := range res.Suggestions {
			if s.Member.ID == c.Want {
				q.top5++
				if i == 0 {
					q.top1++
				}
			}
		}
	}
	return q, lat
}

// TestMatchQuality measures name matching on a 10,000-member world and
// holds it above generous floors. It logs the figures; the 1,000,000-member
// figures come from BenchmarkMatchName.
func TestMatchQuality(t *testing.T) {
	const members = 10_000
	s := simstore.New(sqldbtest.OpenSQLite(t, simstore.MigrationsFor(sqldb.SQLite)), nil)
	if err := linkedinsim.Generate(context.Background(), s, 1, members); err != nil {
		t.Fatal(err)
	}
	set := liveOnly(linkedinsim.LabelledCandidates(1, members, 1200, 7), 1)
	q, _ := measure(t, linkedinsim.NewService(s, nil), set)
	t.Logf("members=%d candidates=%d precision@1=%.3f recall@5=%.3f decoy no-match=%.3f",
		members, len(set), q.precisionAt1(), q.recallAt5(), q.noMatchRate())
	if q.recallAt5() < 0.8 || q.precisionAt1() < 0.6 || q.noMatchRate() < 0.9 {
		t.Errorf("quality below floors (recall@5 ≥ 0.8, precision@1 ≥ 0.6, decoy no-match ≥ 0.9)")
	}
}

// liveOnly drops candidates whose member closed the account: LinkedIn
// rightly never suggests those.
func liveOnly(set []linkedinsim.LabelledCandidate, seed int64) []linkedinsim.LabelledCandidate {
	return slices.DeleteFunc(set, func(c linkedinsim.LabelledCandidate) bool {
		return c.Want != 0 && linkedinsim.GenerateMember(seed, c.Want).Closed
	})
}

// benchWorld is the 1,000,000-member SQLite world of the match benchmarks,
// built once per process. LINKEDINSIM_BENCH_DB names an existing database
// file to use instead (it is generated there when empty), so repeated runs
// skip the two-minute generation; LINKEDINSIM_BENCH_MEMBERS overrides the
// size of a new world.
var benchWorld = sync.OnceValues(func() (*linkedinsim.Service, error) {
	ctx := context.Background()
	path := os.Getenv("LINKEDINSIM_BENCH_DB")
	if path == "" {
		dir, err := os.MkdirTemp("", "linkedinsim-bench")
		if err != nil {
			return nil, err
		}
		path = filepath.Join(dir, "world.db")
	}
	db, err := sqldb.Open(ctx, "sqlite:"+path)
	if err != nil {
		return nil, err
	}
	if err := simstore.Migrate(ctx, db); err != nil {
		return nil, err
	}
	s := simstore.New(db, nil)
	if n, err := s.CountMembers(ctx); err != nil || n > 0 {
		return linkedinsim.NewService(s, nil), err
	}
	return linkedinsim.NewService(s, nil), linkedinsim.Generate(ctx, s, 1, benchMembers())
})

func benchMembers() int {
	if n, err := strconv.Atoi(os.Getenv("LINKEDINSIM_BENCH_MEMBERS")); err == nil {
		return n
	}
	return 1_000_000
}

// BenchmarkMatchExact looks members up by email, profile URL and person
// URN, in rotation, and reports latency percentiles:
//
//	LINKEDINSIM_BENCH_DB=/tmp/world1m.db go test -run '^$' -bench Match ./internal/linkedinsim/simstore
func BenchmarkMatchExact(b *testing.B) {
	svc, err := benchWorld()
	if err != nil {
		b.Fatal(err)
	}
	var facts []linkedinsim.CandidateFacts
	for i := range 3000 {
		m := linkedinsim.GenerateMember(1, int64(1+(i*7919)%benchMembers()))
		switch i % 3 {
		case 0:
			facts = append(facts, linkedinsim.CandidateFacts{Emails: []string{strings.ToUpper(m.Email)}})
		case 1:
			facts = append(facts, linkedinsim.CandidateFacts{ProfileURL: strings.Replace(m.ProfileURL, "https://www.", "http://", 1) + "/?trk=x"})
		default:
			facts = append(facts, linkedinsim.CandidateFacts{PersonURN: m.PersonURN})
		}
	}
	var lat []time.Duration
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		if _, err := svc.MatchCandidate(context.Background(), facts[i%len(facts)]); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	reportLatency(b, lat)
}

// BenchmarkMatchName matches the labelled set (typos, missing accents,
// transliterations, swapped names, unknown emails, decoys) and reports
// latency percentiles and quality: precision@1, recall@5 and the share of
// decoys with no suggestion.
func BenchmarkMatchName(b *testing.B) {
	svc, err := benchWorld()
	if err != nil {
		b.Fatal(err)
	}
	set := liveOnly(linkedinsim.LabelledCandidates(1, benchMembers(), 600, 11), 1)
	var lat []time.Duration
	var q quality
	for b.Loop() {
		var l []time.Duration
		q, l = measure(b, svc, set)
		lat = append(lat, l...)
	}
	reportLatency(b, lat)
	b.ReportMetric(q.precisionAt1(), "precision@1")
	b.ReportMetric(q.recallAt5(), "recall@5")
	b.ReportMetric(q.noMatchRate(), "decoy-no-match")
}

// reportLatency reports the p50 and p99 of lat in milliseconds.
func reportLatency(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	at := func(p float64) float64 {
		return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
	}
	b.ReportMetric(at(0.50), "p50-ms")
	b.ReportMetric(at(0.99), "p99-ms")
}
