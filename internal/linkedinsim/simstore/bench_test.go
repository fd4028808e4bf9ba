package simstore_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"attractor/internal/linkedinsim"
	"attractor/internal/linkedinsim/simstore"
	"attractor/internal/sqldb"
)

// BenchmarkGenerate measures world generation into a SQLite file, with
// LINKEDINSIM_BENCH_MEMBERS members (default 100,000; the budget
// is 1,000,000 in under two minutes on two cores):
//
//	LINKEDINSIM_BENCH_MEMBERS=1000000 go test -run '^$' -bench Generate -benchtime 1x ./internal/linkedinsim/simstore
func BenchmarkGenerate(b *testing.B) {
	members := 100_000
	if v := os.Getenv("LINKEDINSIM_BENCH_MEMBERS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			b.Fatal(err)
		}
		members = n
	}
	ctx := context.Background()
	for i := 0; b.Loop(); i++ {
		db, err := sqldb.Open(ctx, "sqlite:"+filepath.Join(b.TempDir(), strconv.Itoa(i)+".db"))
		if err != nil {
			b.Fatal(err)
		}
		if err := simstore.Migrate(ctx, db); err != nil {
			b.Fatal(err)
		}
		if err := linkedinsim.Generate(ctx, simstore.New(db, nil), 1, members); err != nil {
			b.Fatal(err)
		}
		db.Close()
	}
	b.ReportMetric(float64(members)*float64(b.N)/b.Elapsed().Seconds(), "members/s")
}
