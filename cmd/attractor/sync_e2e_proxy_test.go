package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"attractor/internal/rsc"
)

// sendCounter sits between the ATS and linkedinsim and counts, per entity,
// the writes LinkedIn confirmed and the ATS received: a 200 batch answer's
// per-entity 2xx statuses (keyed by request path and entity key), or a
// batch create's 2xx elements (keyed by externalJobPostingId). An answer
// the ATS went away before receiving is not counted: the ATS cannot know
// it succeeded, so sending it again is right. Answers given while the ATS
// is being stopped count like any other: serve stops the syncer first, so
// the calls under way finish and are recorded rather than cancelled; they
// are also counted apart (duringStop), to show how much was in flight.
type sendCounter struct {
	mu         sync.Mutex
	counts     map[string]int
	duringStop map[string]int
	stopping   bool
	target     string
}

// setStopping marks the window in which the ATS is being stopped.
func (c *sendCounter) setStopping(on bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stopping = on
}

func newSendCounter(t *testing.T, target string) (*sendCounter, *httptest.Server) {
	c := &sendCounter{counts: map[string]int{}, duringStop: map[string]int{}, target: target}
	srv := httptest.NewServer(c)
	t.Cleanup(srv.Close)
	return c, srv
}

// upstream carries the proxied calls to linkedinsim, keeping connections
// for the syncer's concurrent calls.
var upstream = rsc.NewTransport()

func (c *sendCounter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	reqBody, _ := io.ReadAll(r.Body)
	out, err := http.NewRequestWithContext(r.Context(), r.Method, c.target+r.URL.RequestURI(), bytes.NewReader(reqBody))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	out.Header = r.Header.Clone()
	resp, err := upstream.RoundTrip(out)
	if err != nil {
		http.Error(w, "upstream: "+err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	for k, v := range resp.Header {
		w.Header()[k] = v
	}
	w.WriteHeader(resp.StatusCode)
	_, werr := w.Write(body)
	if werr != nil || r.Context().Err() != nil || resp.StatusCode != http.StatusOK {
		return
	}
	c.count(r, reqBody, body)
}

func (c *sendCounter) count(r *http.Request, reqBody, body []byte) {
	method := strings.ToUpper(r.Header.Get("X-RestLi-Method"))
	path := r.URL.Path
	var keys []string
	switch method {
	case "BATCH_UPDATE", "BATCH_PARTIAL_UPDATE":
		var resp struct {
			Results map[string]struct{ Status int } `json:"results"`
		}
		if json.Unmarshal(body, &resp) != nil {
			return
		}
		for k, v := range resp.Results {
			if v.Status >= 200 && v.Status < 300 {
				keys = append(keys, path+"|"+k)
			}
		}
	case "BATCH_CREATE":
		keys = createdKeys(path, reqBody, body)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, k := range keys {
		c.counts[k]++
		if c.stopping {
			c.duringStop[k]++
		}
	}
}

func createdKeys(path string, reqBody, body []byte) []string {
	var req struct {
		Elements []struct {
			ExternalJobPostingID string `json:"externalJobPostingId"`
		} `json:"elements"`
	}
	var resp struct {
		Elements []struct{ Status int } `json:"elements"`
	}
	if json.Unmarshal(reqBody, &req) != nil || json.Unmarshal(body, &resp) != nil || len(req.Elements) != len(resp.Elements) {
		return nil
	}
	var keys []string
	for i, e := range resp.Elements {
		if e.Status >= 200 && e.Status < 300 {
			keys = append(keys, path+"|"+req.Elements[i].ExternalJobPostingID)
		}
	}
	return keys
}

// repeats returns the entities confirmed more than once, how many
// confirmations were counted in all, and how many of the entities were
// confirmed while the ATS was stopping.
func (c *sendCounter) repeats() (map[string]int, int, int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	out, total := map[string]int{}, 0
	for k, n := range c.counts {
		total += n
		if n > 1 {
			out[k] = n
		}
	}
	return out, total, len(c.duringStop)
}
