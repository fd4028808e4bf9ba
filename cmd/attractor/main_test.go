package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/cookiejar"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// lockedBuffer collects a command's output while it runs and signals each
// write, so a test can wait for a line instead of sleeping.
type lockedBuffer struct {
	mu     sync.Mutex
	buf    bytes.Buffer
	writes chan struct{}
}

func newLockedBuffer() *lockedBuffer { return &lockedBuffer{writes: make(chan struct{}, 100)} }

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	n, err := b.buf.Write(p)
	select {
	case b.writes <- struct{}{}:
	default:
	}
	return n, err
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// waitFor blocks until the output matches re or the command ends.
func (b *lockedBuffer) waitFor(t *testing.T, re *regexp.Regexp, done <-chan error) []string {
	t.Helper()
	for {
		if m := re.FindStringSubmatch(b.String()); m != nil {
			return m
		}
		select {
		case <-b.writes:
		case err := <-done:
			t.Fatalf("command ended before %q appeared: %v\noutput:\n%s", re, err, b.String())
		}
	}
}

func envOf(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

// runCmd runs a short command to completion and returns its output.
func runCmd(t *testing.T, env map[string]string, stdin string, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	err := run(context.Background(), args, envOf(env), strings.NewReader(stdin), &out, &out)
	return out.String(), err
}

func TestHelpListsCommands(t *testing.T) {
	out, err := runCmd(t, nil, "", "--help")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []string{"serve", "migrate", "user"} {
		if !strings.Contains(out, "\n  "+c) {
			t.Errorf("--help does not list %q:\n%s", c, out)
		}
	}
	if _, err := runCmd(t, nil, "", "frobnicate"); err == nil || !strings.Contains(err.Error(), "frobnicate") {
		t.Errorf("unknown command error = %v", err)
	}
}

func TestUserCommands(t *testing.T) {
	env := map[string]string{"ATTRACTOR_DATABASE_URL": "sqlite:" + filepath.Join(t.TempDir(), "a.db")}
	out, err := runCmd(t, env, "", "user", "create", "--email", "ada@example.com", "--name", "Ada Admin", "--role", "admin")
	if err != nil || !strings.Contains(out, "Password: ") {
		t.Fatalf("create with generated password: %v\n%s", err, out)
	}
	if out, err = runCmd(t, env, "s3cret-pass-word\n", "user", "create", "--email", "rex@example.com", "--name", "Rex", "--role", "recruiter", "--password", "-"); err != nil {
		t.Fatalf("create with stdin password: %v\n%s", err, out)
	}
	if _, err = runCmd(t, env, "", "user", "create", "--email", "REX@example.com", "--name", "Rex 2", "--role", "recruiter"); err == nil {
		t.Error("duplicate email (other case) accepted")
	}
	if _, err = runCmd(t, env, "", "user", "create", "--email", "x@example.com", "--name", "X", "--role", "boss"); err == nil || !strings.Contains(err.Error(), "role") {
		t.Errorf("bad role error = %v", err)
	}
	if out, err = runCmd(t, env, "", "user", "set-role", "--email", "rex@example.com", "--role", "hiring_manager"); err != nil {
		t.Fatalf("set-role: %v\n%s", err, out)
	}
	if out, err = runCmd(t, env, "", "user", "reset-password", "--email", "rex@example.com", "--password", "another-long-one"); err != nil {
		t.Fatalf("reset-password: %v\n%s", err, out)
	}
	out, err = runCmd(t, env, "", "user", "list")
	if err != nil || !regexp.MustCompile(`rex@example.com\s+Rex\s+hiring_manager`).MatchString(out) {
		t.Fatalf("list: %v\n%s", err, out)
	}
}

func TestServe(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	db := "sqlite:" + filepath.Join(t.TempDir(), "attractor.db")
	out, done := newLockedBuffer(), make(chan error, 1)
	env := envOf(map[string]string{"ATTRACTOR_ADMIN_EMAIL": "admin@example.com", "ATTRACTOR_ADMIN_PASSWORD": "first-admin-pw"})
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--database", db}, env, nil, out, out)
	}()
	base := "http://" + out.waitFor(t, regexp.MustCompile(`listening on http://(\S+)`), done)[1]
	if !strings.Contains(out.String(), "Created the first admin") {
		t.Errorf("first admin not reported:\n%s", out)
	}
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	resp, err := client.Post(base+"/api/v1/session", "application/json",
		strings.NewReader(`{"email":"admin@example.com","password":"first-admin-pw"}`))
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("log in: %v %v", err, resp)
	}
	resp.Body.Close()
	resp, err = client.Get(base + "/api/v1/me")
	if err != nil {
		t.Fatal(err)
	}
	var me struct{ Email, Role string }
	json.NewDecoder(resp.Body).Decode(&me)
	resp.Body.Close()
	if me.Email != "admin@example.com" || me.Role != "admin" {
		t.Errorf("GET /api/v1/me = %+v", me)
	}
	if resp, err = http.Get(base + "/healthz"); err != nil || resp.StatusCode != http.StatusOK {
		t.Errorf("healthz: %v %v", err, resp)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("serve returned %v after shutdown", err)
	}
}

func TestServeFirstRunHint(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out, done := newLockedBuffer(), make(chan error, 1)
	db := "sqlite:" + filepath.Join(t.TempDir(), "attractor.db")
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--database", db}, envOf(nil), nil, out, out)
	}()
	out.waitFor(t, regexp.MustCompile(`listening on`), done)
	if !strings.Contains(out.String(), "attractor user create") {
		t.Errorf("no first-admin hint:\n%s", out)
	}
	cancel()
	<-done
}
