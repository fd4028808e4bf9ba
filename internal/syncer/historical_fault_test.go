package syncer

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	"attractor/internal/ats"
)

// successCounter is an http.RoundTripper that counts, per entity, the
// writes LinkedIn answered with a 2xx status inside a 200 batch response,
// so a test can prove no entity was written twice.
type successCounter struct {
	mu     sync.Mutex
	counts map[string]int
	calls  int // write calls with at least one success
	// statuses counts the HTTP statuses of API calls, to show the faults
	// were met.
	statuses map[int]int
	// onCall, when set, is called with calls after each counted call.
	onCall func(calls int)
}

func newSuccessCounter() *successCounter {
	return &successCounter{counts: map[string]int{}, statuses: map[int]int{}}
}

func (c *successCounter) RoundTrip(r *http.Request) (*http.Response, error) {
	var reqBody []byte
	if r.Body != nil {
		reqBody, _ = io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(reqBody))
	}
	resp, err := simTransport.RoundTrip(r)
	if err == nil && strings.HasPrefix(r.URL.Path, "/v2/") {
		c.mu.Lock()
		c.statuses[resp.StatusCode]++
		c.mu.Unlock()
	}
	if err != nil || r.Method == http.MethodGet || !strings.HasPrefix(r.URL.Path, "/v2/") || resp.StatusCode != 200 {
		return resp, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if keys := successKeys(r, reqBody, body); len(keys) > 0 {
		c.add(keys)
	}
	return resp, nil
}

func (c *successCounter) add(keys []string) {
	c.mu.Lock()
	for _, k := range keys {
		c.counts[k]++
	}
	c.calls++
	n, f := c.calls, c.onCall
	c.mu.Unlock()
	if f != nil {
		f(n)
	}
}

// snapshot returns copies of the counts and statuses.
func (c *successCounter) snapshot() (statuses map[int]int, byEntity map[string]int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	byEntity = make(map[string]int, len(c.counts))
	for k, v := range c.counts {
		byEntity[k] = v
	}
	statuses = make(map[int]int, len(c.statuses))
	for k, v := range c.statuses {
		statuses[k] = v
	}
	return statuses, byEntity
}

// successKeys names the entities a 200 batch response reports written:
// jobs by externalJobPostingId (batch_create answers by position), other
// records by method, path and key with its fields sorted.
func successKeys(r *http.Request, reqBody, body []byte) []string {
	var resp struct {
		Elements []struct{ Status int } `json:"elements"`
		Results  map[string]struct{ Status int }
	}
	if json.Unmarshal(body, &resp) != nil {
		return nil
	}
	var keys []string
	if r.URL.Path == "/v2/simpleJobPostings" {
		var req struct {
			Elements []struct{ ExternalJobPostingID string } `json:"elements"`
		}
		_ = json.Unmarshal(reqBody, &req)
		for i, e := range resp.Elements {
			if e.Status/100 == 2 && i < len(req.Elements) {
				keys = append(keys, "job "+req.Elements[i].ExternalJobPostingID)
			}
		}
		return keys
	}
	for k, s := range resp.Results {
		if s.Status/100 == 2 {
			keys = append(keys, r.Method+" "+r.URL.Path+" "+canonicalKey(k))
		}
	}
	return keys
}

func canonicalKey(k string) string {
	parts := strings.Split(k, "&")
	for i, p := range parts {
		if u, err := url.QueryUnescape(p); err == nil {
			parts[i] = u
		}
	}
	slices.Sort(parts)
	return strings.Join(parts, "&")
}

// TestHistoricalUnderFaults runs the historical sync against a simulator
// that fails 10% of calls, expires tokens after a second, revokes them
// once and answers a burst of 429s, and kills the process (a hard queue
// stop) part-way, with calls under way concurrently; a new process
// resumes. LinkedIn must end up with everything, and no entity may have
// been written twice.
func TestHistoricalUnderFaults(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		sim := startSim(t)
		counter := newSuccessCounter()
		en := newEnv(t, e, sim, sim.enableChild(t), counter)
		w := buildWorld(t, en, 60)
		const faults = `"seed":7,"errorRate":0.1,"tokenExpirySeconds":1`
		sim.control(t, "PUT", "/sim/v1/faults", `{`+faults+`}`)

		// The fifth write holds its answer until the 429 burst is set and
		// the tokens are revoked, so the calls after it meet both whatever
		// order the concurrent calls go in.
		burst, burstSet, kill := make(chan struct{}), make(chan struct{}), make(chan struct{})
		counter.onCall = func(n int) {
			switch n {
			case 5:
				close(burst)
				<-burstSet
			case 30:
				close(kill)
			}
		}
		must(t, en.s.StartHistorical(context.Background()))
		en.start()
		<-burst
		sim.control(t, "PUT", "/sim/v1/faults", `{`+faults+`,"burst429Calls":3,"burst429RetryAfterSeconds":1,"revokeTokens":true}`)
		close(burstSet)
		<-kill
		killed := en.q
		expired, cancel := context.WithCancel(context.Background())
		cancel()
		_ = killed.Stop(expired) // cancels the running task, as a crash would end it
		if p := en.progress(); p.State != ats.SyncRunning || p.Done == 0 || p.Done >= p.Total {
			t.Fatalf("progress after the kill = %+v, want part-way", p)
		} else {
			t.Logf("killed at %d of %d records, %s after %q, %d entities sent ahead", p.Done, p.Total, p.Kind, p.Cursor, len(p.Ahead))
		}
		en.newSyncer()
		en.start()
		// A record that failed twice in a row is handed to the drainer,
		// which sends it once the historical sync is done.
		waitFor(t, "historical sync and outbox drained", func() bool {
			return en.progress().State == ats.SyncDone && en.outboxLen() == 0
		})

		sim.control(t, "PUT", "/sim/v1/faults", `{}`)
		if fs := en.failures(); len(fs) > 0 {
			t.Fatalf("failures: %+v", *fs[0])
		}
		w.checkRemote(t)
		p := en.progress()
		statuses, counts := counter.snapshot()
		t.Logf("HTTP statuses met: %v", statuses)
		if statuses[429] == 0 || statuses[500]+statuses[503] == 0 || statuses[401] == 0 {
			t.Errorf("statuses %v: want 429s, 5xx and 401s met", statuses)
		}
		if p.Done != p.Total || int64(len(counts)) != p.Total {
			t.Errorf("progress %d/%d, %d entities written; want all equal", p.Done, p.Total, len(counts))
		}
		for k, n := range counts {
			if n != 1 {
				t.Errorf("%s written %d times", k, n)
			}
		}
	})
}
