//go:build linux

package syncer

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"testing"
	"time"

	"attractor/internal/seed"
)

// In production LinkedIn's side of a sync runs on LinkedIn's machines; in
// BenchmarkHistoricalSync both programs share this one's cores and one Go
// heap. BenchmarkHistoricalSyncApart runs linkedinsim in a process of its
// own (this test binary, started again in simChildEnv mode), so the two
// programs' CPU can be told apart: what a record costs the ATS, and what
// it costs the simulator.

// simChildEnv, set in a child's environment, makes
// BenchmarkHistoricalSyncApart serve a simulator instead of measuring.
const simChildEnv = "ATTRACTOR_BENCH_SIM_CHILD"

// simChild is what a simulator child reports once it serves: its URL and
// the enabled child app the ATS is to use.
type simChild struct {
	URL, URN, ClientID, Secret string
	SimID                      int64
}

// BenchmarkHistoricalSyncApart is BenchmarkHistoricalSync on SQLite with
// linkedinsim in its own process.
func BenchmarkHistoricalSyncApart(b *testing.B) {
	if os.Getenv(simChildEnv) != "" {
		serveSimChild(b)
		return
	}
	sim, pid := startSimProcess(b)
	en := newEnv(b, engines[0], &linkedinSim{url: sim.URL}, childApp{urn: sim.URN, clientID: sim.ClientID,
		secret: sim.Secret, simID: sim.SimID}, nil)
	en.productionQueue()
	if _, err := seed.ATS(context.Background(), en.svc, benchSizes(engines[0])); err != nil {
		b.Fatal(err)
	}
	en.start()
	var records int64
	runtime.GC()
	peak := watchHeap(b)
	profileSync(b)
	ats, simCPU, alloc := processCPU(b), childCPU(b, pid), allocated()
	for b.Loop() {
		records += runHistorical(b, en)
	}
	perRecord := func(d time.Duration) float64 { return float64(d.Microseconds()) / float64(records) }
	b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
	b.ReportMetric(perRecord(processCPU(b)-ats), "ats-cpu-us/record")
	b.ReportMetric(perRecord(childCPU(b, pid)-simCPU), "sim-cpu-us/record")
	b.ReportMetric(float64(allocated()-alloc)/float64(records), "ats-B/record")
	b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
}

// allocated is how many bytes the process has allocated so far: steadier
// than CPU time on a shared machine, so the metric that shows a change to
// the ATS's per-record costs.
func allocated() uint64 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.TotalAlloc
}

// serveSimChild starts a simulator with an enabled child app, reports it
// on stdout as one JSON line and serves until stdin closes.
func serveSimChild(b *testing.B) {
	sim := startSim(b)
	app := sim.enableChild(b)
	line, err := json.Marshal(simChild{URL: sim.url, URN: app.urn, ClientID: app.clientID, Secret: app.secret,
		SimID: app.simID})
	must(b, err)
	if f := os.Getenv("ATTRACTOR_BENCH_SIM_CPUPROFILE"); f != "" {
		out, err := os.Create(f)
		must(b, err)
		must(b, pprof.StartCPUProfile(out))
		defer func() {
			pprof.StopCPUProfile()
			must(b, out.Close())
		}()
	}
	fmt.Printf("%s%s\n", simChildEnv, line)
	_, _ = io.Copy(io.Discard, os.Stdin)
}

// startSimProcess starts this test binary as a simulator child and waits
// for its report; the child ends when the benchmark does.
func startSimProcess(b *testing.B) (simChild, int) {
	cmd := exec.Command(os.Args[0], "-test.run=^$", "-test.bench=^BenchmarkHistoricalSyncApart$", "-test.benchtime=1x")
	cmd.Env = append(os.Environ(), simChildEnv+"=1")
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	must(b, err)
	stdout, err := cmd.StdoutPipe()
	must(b, err)
	must(b, cmd.Start())
	b.Cleanup(func() {
		stdin.Close()
		_ = cmd.Wait()
	})
	lines := bufio.NewScanner(stdout)
	for lines.Scan() {
		if rest, ok := strings.CutPrefix(lines.Text(), simChildEnv); ok {
			var sim simChild
			must(b, json.Unmarshal([]byte(rest), &sim))
			go func() { _, _ = io.Copy(io.Discard, stdout) }()
			return sim, cmd.Process.Pid
		}
	}
	b.Fatalf("simulator child ended without reporting: %v", lines.Err())
	return simChild{}, 0
}

// childCPU is the user and system CPU the process pid has used so far,
// from /proc (in clock ticks of 10 ms).
func childCPU(b *testing.B, pid int) time.Duration {
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	must(b, err)
	// The fields after the command name, which is in parentheses and may
	// hold spaces: state is field 3, utime 14 and stime 15.
	fields := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+2:]))
	var ticks int64
	for _, f := range fields[11:13] {
		n, err := strconv.ParseInt(f, 10, 64)
		must(b, err)
		ticks += n
	}
	return time.Duration(ticks) * 10 * time.Millisecond
}
