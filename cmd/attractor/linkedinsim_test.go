package main

import (
	"context"
	"encoding/json"
	"net/http"
	"path/filepath"
	"regexp"
	"testing"
)

// TestLinkedinsimSeed runs "linkedinsim seed" and reads its JSON summary.
func TestLinkedinsimSeed(t *testing.T) {
	db := "sqlite:" + filepath.Join(t.TempDir(), "sim.db")
	out, err := runCmd(t, nil, "", "linkedinsim", "seed", "--members", "60", "--seed", "1", "--database", db)
	if err != nil {
		t.Fatalf("seed: %v\n%s", err, out)
	}
	var world struct {
		Seed    int64
		Members int
		Partner struct{ ClientID, ClientSecret string }
	}
	if err := json.Unmarshal([]byte(out), &world); err != nil {
		t.Fatalf("summary is not JSON: %v\n%s", err, out)
	}
	if world.Seed != 1 || world.Members != 60 || world.Partner.ClientID != "attractor-partner" {
		t.Errorf("summary = %+v", world)
	}
	if _, err := runCmd(t, nil, "", "linkedinsim", "seed", "--members", "5", "--database", db); err == nil {
		t.Error("a 5-member world was accepted")
	}
}

// TestLinkedinsimServe starts the simulator on an empty database, which it
// seeds, and reads the world through the control API.
func TestLinkedinsimServe(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out, done := newLockedBuffer(), make(chan error, 1)
	env := envOf(map[string]string{"LINKEDINSIM_DATABASE_URL": "sqlite:" + filepath.Join(t.TempDir(), "sim.db"),
		"LINKEDINSIM_MEMBERS": "100"})
	go func() {
		done <- run(ctx, []string{"linkedinsim", "--addr", "127.0.0.1:0"}, env, nil, out, out)
	}()
	base := "http://" + out.waitFor(t, regexp.MustCompile(`listening on http://(\S+)`), done)[1]
	req, _ := http.NewRequest("GET", base+"/sim/v1/world", nil)
	req.Header.Set("Authorization", "Bearer attractor-sim-control")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var world struct{ Members int }
	json.NewDecoder(resp.Body).Decode(&world)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || world.Members != 100 {
		t.Errorf("GET /sim/v1/world = %d %+v\n%s", resp.StatusCode, world, out)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("linkedinsim returned %v after shutdown", err)
	}
}
