package sqldb_test

import (
	"strings"
	"testing"

	"attractor/internal/sqldb"
)

func TestOpenRejectsBadURLs(t *testing.T) {
	t.Parallel()
	tests := []struct {
		url, wantInErr string
	}{
		{"mysql://root@localhost/db", "want sqlite:PATH, postgres://… or postgresql://…"},
		{"", "want sqlite:PATH"},
		{"./attractor.db", "want sqlite:PATH"},
		{"sqlite::memory:", "use a file in a temp dir"},
		{"sqlite:", "not a file path"},
	}
	for _, tt := range tests {
		db, err := sqldb.Open(t.Context(), tt.url)
		if err == nil {
			db.Close()
			t.Errorf("Open(%q) succeeded, want error", tt.url)
			continue
		}
		if !strings.Contains(err.Error(), tt.wantInErr) {
			t.Errorf("Open(%q) error = %q, want it to contain %q", tt.url, err, tt.wantInErr)
		}
	}
}

func TestOpenDoesNotEchoCredentials(t *testing.T) {
	t.Parallel()
	_, err := sqldb.Open(t.Context(), "postgress://user:secret@host/db")
	if err == nil || strings.Contains(err.Error(), "secret") {
		t.Errorf("Open error = %v, want an error without the password", err)
	}
}

func TestPlaceholders(t *testing.T) {
	t.Parallel()
	tests := []struct {
		start, n int
		want     string
	}{
		{1, 1, "$1"},
		{1, 3, "$1,$2,$3"},
		{3, 3, "$3,$4,$5"},
		{9, 2, "$9,$10"},
		{1, 0, ""},
		{1, -1, ""},
	}
	for _, tt := range tests {
		if got := sqldb.Placeholders(tt.start, tt.n); got != tt.want {
			t.Errorf("Placeholders(%d, %d) = %q, want %q", tt.start, tt.n, got, tt.want)
		}
	}
}

func TestEngineString(t *testing.T) {
	t.Parallel()
	for e, want := range map[sqldb.Engine]string{sqldb.SQLite: "sqlite", sqldb.Postgres: "postgres"} {
		if got := e.String(); got != want {
			t.Errorf("%#v.String() = %q, want %q", e, got, want)
		}
	}
}
