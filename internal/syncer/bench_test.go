package syncer

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"attractor/internal/ats"
	"attractor/internal/linkedinsim/simstore"
	"attractor/internal/seed"
	"attractor/internal/sqldb"
	"attractor/internal/sqldb/sqldbtest"
)

// benchSizes is the seeded ATS of the historical sync benchmark; the
// candidate count can be raised with ATTRACTOR_BENCH_CANDIDATES (jobs,
// applications, notes and feedback scale with it) to show that memory
// stays flat as the data grows. PostgreSQL seeds with one worker: the
// seeder's concurrent SERIALIZABLE writers on one job keep failing each
// other there.
func benchSizes(e engine) seed.Sizes {
	n := 5000
	if v, err := strconv.Atoi(os.Getenv("ATTRACTOR_BENCH_CANDIDATES")); err == nil && v > 0 {
		n = v
	}
	workers := 4
	if e.engine == sqldb.Postgres {
		workers = 1
	}
	return seed.Sizes{Jobs: n / 25, Candidates: n, Applications: 2 * n, Notes: 2 * n / 5, Feedback: n / 5, Workers: workers, Seed: 42}
}

// BenchmarkHistoricalSync measures a whole historical sync of a seeded ATS
// into linkedinsim over loopback HTTP, linkedinsim's limits raised out of
// the way and the ATS's pacing off: records per second end to end, and
// the peak Go heap of the process (both programs) while it runs.
func BenchmarkHistoricalSync(b *testing.B) {
	for _, e := range engines {
		b.Run(e.name, func(b *testing.B) {
			if e.name == "postgres" {
				sqldbtest.PostgresURL(b)
			}
			en := benchEnv(b, e)
			var records int64
			runtime.GC() // the seeding's garbage is not the sync's heap
			peak := watchHeap(b)
			profileSync(b)
			cpu := processCPU(b)
			for b.Loop() {
				records += runHistorical(b, en)
			}
			b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
			b.ReportMetric(float64((processCPU(b)-cpu).Microseconds())/float64(records), "cpu-us/record")
			b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
		})
	}
}

// BenchmarkHistoricalSyncPaced runs a historical sync on SQLite with
// LinkedIn's documented limits on in linkedinsim (10,000 records a minute,
// 100,000 calls a day) and the ATS pacing itself to the same, for
// ATTRACTOR_BENCH_PACED_SECONDS (default 60), and reports the share of the
// allowed record rate it used and how many 429s it got.
func BenchmarkHistoricalSyncPaced(b *testing.B) {
	window := 60 * time.Second
	if v, err := strconv.Atoi(os.Getenv("ATTRACTOR_BENCH_PACED_SECONDS")); err == nil && v > 0 {
		window = time.Duration(v) * time.Second
	}
	for b.Loop() {
		tr := &statusCounter{next: simTransport}
		en := benchEnvWith(b, engines[0], tr, func(en *env) {
			en.sim.control(b, "PUT", "/sim/v1/limits", `{"enabled":true,"recordsPerMinute":10000,"callsPerDay":100000}`)
			en.s.cfg.RecordsPerMinute, en.s.cfg.CallsPerDay = 10000, 100000
		})
		must(b, en.s.StartHistorical(context.Background()))
		start := time.Now()
		time.Sleep(window) // the measured window; progress is read at its end
		elapsed := time.Since(start).Minutes()
		p := en.progress()
		tr.mu.Lock()
		used := float64(tr.records) / elapsed
		tr.mu.Unlock()
		b.ReportMetric(float64(p.Done)/elapsed, "written/min")
		b.ReportMetric(used, "records/min")
		b.ReportMetric(100*used/10000, "%-of-limit")
		b.ReportMetric(float64(tr.count(http.StatusTooManyRequests)), "429s")
	}
}

// statusCounter counts the responses of each status, and the records of
// the calls LinkedIn answered 2xx: what its records-per-minute limit
// counts, reads (match read-back) as well as writes.
type statusCounter struct {
	next    http.RoundTripper
	mu      sync.Mutex
	n       map[int]int
	records int
}

func (c *statusCounter) RoundTrip(r *http.Request) (*http.Response, error) {
	n := callRecords(r)
	resp, err := c.next.RoundTrip(r)
	if err == nil {
		c.mu.Lock()
		if c.n == nil {
			c.n = map[int]int{}
		}
		c.n[resp.StatusCode]++
		if resp.StatusCode < 300 {
			c.records += n
		}
		c.mu.Unlock()
	}
	return resp, err
}

// callRecords is how many entities a Rest.li call names: its batch keys
// (ids=… or ids[i].field=…), or a batch create's elements.
func callRecords(r *http.Request) int {
	q, _ := url.ParseQuery(r.URL.RawQuery)
	n, idx := len(q["ids"]), map[string]bool{}
	for k := range q {
		if rest, ok := strings.CutPrefix(k, "ids["); ok {
			i, _, _ := strings.Cut(rest, "]")
			idx[i] = true
		}
	}
	if n+len(idx) > 0 || r.Body == nil || r.Method != http.MethodPost {
		return n + len(idx)
	}
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(body))
	var create struct{ Elements []json.RawMessage }
	_ = json.Unmarshal(body, &create)
	return len(create.Elements)
}

func (c *statusCounter) count(status int) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n[status]
}

// benchEnv seeds an ATS on engine e, connected to a fresh simulator.
func benchEnv(b *testing.B, e engine) *env {
	return benchEnvWith(b, e, nil, func(*env) {})
}

// benchEnvWith is benchEnv with calls going through tr and tune applied
// before anything runs.
func benchEnvWith(b *testing.B, e engine, tr http.RoundTripper, tune func(*env)) *env {
	sim := startSim(b)
	if e.engine == sqldb.Postgres && os.Getenv("ATTRACTOR_BENCH_SIM_POSTGRES") != "" {
		sim = startSimPostgres(b)
	}
	app := sim.enableChild(b)
	en := newEnv(b, e, sim, app, tr)
	en.productionQueue()
	tune(en)
	if _, err := seed.ATS(context.Background(), en.svc, benchSizes(e)); err != nil {
		b.Fatal(err)
	}
	en.start()
	return en
}

// productionQueue rebuilds the queue and Syncer with the queue's default
// poll interval, which serve uses: the tests' short one would add its
// polling to the measured cost.
func (en *env) productionQueue() {
	en.poll = 0
	en.newSyncer()
}

// runHistorical starts a historical sync, waits until it is done and
// returns how many records it sent.
func runHistorical(b *testing.B, en *env) int64 {
	must(b, en.s.StartHistorical(context.Background()))
	for {
		p := en.progress()
		if p.State == ats.SyncDone {
			return p.Done
		}
		time.Sleep(20 * time.Millisecond) // polling interval
	}
}

// watchHeap samples the heap in use every 50 ms until the benchmark ends
// and keeps the peak.
func watchHeap(b *testing.B) *atomic.Uint64 {
	var peak atomic.Uint64
	done := make(chan struct{})
	b.Cleanup(func() { close(done) })
	go func() {
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
			select {
			case <-done:
				return
			case <-time.After(50 * time.Millisecond):
			}
		}
	}()
	return &peak
}

// startSimPostgres is startSim with the simulator on PostgreSQL too, as in
// the end-to-end test's PostgreSQL run (ATTRACTOR_BENCH_SIM_POSTGRES=1).
func startSimPostgres(t testing.TB) *linkedinSim {
	t.Helper()
	return startSimOn(t, sqldbtest.OpenPostgres(t, simstore.MigrationsFor(sqldb.Postgres)), nil)
}

// profileSync profiles the measured syncs only, not the seeding before
// them: a CPU profile to $ATTRACTOR_BENCH_CPUPROFILE and the allocations
// to $ATTRACTOR_BENCH_MEMPROFILE, with a ".base" profile taken before the
// syncs for `go tool pprof -base`. Both end when the benchmark does.
func profileSync(b *testing.B) {
	if f := os.Getenv("ATTRACTOR_BENCH_CPUPROFILE"); f != "" {
		out, err := os.Create(f)
		must(b, err)
		must(b, pprof.StartCPUProfile(out))
		b.Cleanup(func() {
			pprof.StopCPUProfile()
			must(b, out.Close())
		})
	}
	if f := os.Getenv("ATTRACTOR_BENCH_MEMPROFILE"); f != "" {
		writeAllocs(b, f+".base")
		b.Cleanup(func() { writeAllocs(b, f) })
	}
}

// writeAllocs writes the allocation profile, as of the last GC, to file.
func writeAllocs(b *testing.B, file string) {
	runtime.GC()
	out, err := os.Create(file)
	must(b, err)
	must(b, pprof.Lookup("allocs").WriteTo(out, 0))
	must(b, out.Close())
}
