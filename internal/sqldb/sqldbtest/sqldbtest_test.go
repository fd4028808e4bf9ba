package sqldbtest_test

import (
	"os"
	"regexp"
	"testing"

	"attractor/internal/sqldb/sqldbtest"
)

func TestOpenPostgresIsolatesSchema(t *testing.T) {
	t.Parallel()
	db := sqldbtest.OpenPostgres(t, os.DirFS("../testdata/migrations"))
	var searchPath string
	if err := db.Read.QueryRowContext(t.Context(), "SHOW search_path").Scan(&searchPath); err != nil {
		t.Fatalf("show search_path: %v", err)
	}
	if !regexp.MustCompile(`^t_[0-9a-f]{16}, ?public$`).MatchString(searchPath) {
		t.Errorf("search_path = %q, want \"t_<hex>,public\"", searchPath)
	}
	var schema string
	err := db.Read.QueryRowContext(t.Context(),
		"SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"+
			" WHERE c.oid = to_regclass('goose_db_version')").Scan(&schema)
	if err != nil {
		t.Fatalf("find goose_db_version: %v", err)
	}
	if want := searchPath[:len("t_")+16]; schema != want {
		t.Errorf("goose_db_version resolves to schema %q, want %q", schema, want)
	}
}
