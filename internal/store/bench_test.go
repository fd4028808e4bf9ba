package store_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	mrand "math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"attractor/internal/ats"
	"attractor/internal/sqldb"
	"attractor/internal/sqldb/sqldbtest"
	"attractor/internal/store"
	"attractor/internal/store/dbq"
)

// benchCandidates is the size of the search benchmark's data set.
const benchCandidates = 100_000

// benchSearches are realistic queries: 4–6 character pieces of last names
// (some common, some rare) and fragments of email addresses.
var benchSearches = []string{
	"mulle", "schmi", "garci", "nowak", "yamad", "kowals", "ander", "tanak", "rossi", "nguye",
	"okafo", "wisni", "lefev", "johans", "demir", "oliv", "brien", "山田",
	"j.nowak", "rossi7", "@posteo", "m.garc", "kaya1", "y.tanak",
}

// benchDB is one engine's benchmark database, built once per process: the
// data is loaded on first use by any sub-benchmark and dropped in TestMain.
type benchDB struct {
	once    sync.Once
	store   *store.Store
	err     error
	cleanup []func()
}

var benchDBs = map[sqldb.Engine]*benchDB{sqldb.SQLite: {}, sqldb.Postgres: {}}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, d := range benchDBs {
		for _, f := range slices.Backward(d.cleanup) {
			f()
		}
	}
	os.Exit(code)
}

// benchShortSearches are queries of one or two characters, which no
// trigram index can answer: both engines scan (an index on SQLite, the
// table on PostgreSQL). Common for CJK names.
var benchShortSearches = []string{"山田", "田", "jo", "mu", "佐藤"}

// BenchmarkCandidateSearch measures FindCandidates (one page of 50 and the
// total count, in a View) over 100,000 candidates with realistic queries,
// reporting the p50 and p95 latency of single searches next to the mean.
func BenchmarkCandidateSearch(b *testing.B) {
	benchSearch(b, benchSearches)
}

// BenchmarkCandidateSearchShort is the same for one- and two-character
// queries, reported apart so the scan they need is visible.
func BenchmarkCandidateSearchShort(b *testing.B) {
	benchSearch(b, benchShortSearches)
}

func benchSearch(b *testing.B, queries []string) {
	for _, engine := range []sqldb.Engine{sqldb.SQLite, sqldb.Postgres} {
		b.Run(string(engine), func(b *testing.B) {
			s := benchStore(b, engine)
			ctx := context.Background()
			durations := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				q := ats.FoldQuery(queries[i%len(queries)])
				start := time.Now()
				err := s.View(ctx, func(tx ats.Tx) error {
					_, _, err := tx.FindCandidates(ats.CandidateFilter{Query: q})
					return err
				})
				durations = append(durations, time.Since(start))
				if err != nil {
					b.Fatal(err)
				}
			}
			reportPercentiles(b, durations)
		})
	}
}

func reportPercentiles(b *testing.B, d []time.Duration) {
	slices.Sort(d)
	ms := func(p int) float64 { return float64(d[(len(d)-1)*p/100].Microseconds()) / 1000 }
	b.ReportMetric(ms(50), "p50-ms")
	b.ReportMetric(ms(95), "p95-ms")
}

// benchStore returns the engine's loaded benchmark store, building it on
// first use.
func benchStore(b *testing.B, engine sqldb.Engine) *store.Store {
	b.Helper()
	if engine == sqldb.Postgres {
		sqldbtest.PostgresURL(b) // skips unless ATTRACTOR_TEST_POSTGRES is set
	}
	d := benchDBs[engine]
	d.once.Do(func() {
		start := time.Now()
		d.store, d.err = openBenchDB(d, engine)
		b.Logf("%s: loaded %d candidates in %v", engine, benchCandidates, time.Since(start).Round(time.Millisecond))
	})
	if d.err != nil {
		b.Fatal(d.err)
	}
	return d.store
}

// openBenchDB opens a database outside any test's cleanup (benchmarks run
// their function several times), migrates it and loads the candidates.
func openBenchDB(d *benchDB, engine sqldb.Engine) (*store.Store, error) {
	ctx := context.Background()
	dbURL, err := benchURL(d, engine)
	if err != nil {
		return nil, err
	}
	db, err := sqldb.Open(ctx, dbURL)
	if err != nil {
		return nil, err
	}
	d.cleanup = append(d.cleanup, func() { db.Close() })
	if err := store.Migrate(ctx, db); err != nil {
		return nil, err
	}
	if err := loadCandidates(ctx, db); err != nil {
		return nil, err
	}
	return store.New(db, nil), nil
}

// benchURL makes a temp file (SQLite) or a fresh schema (PostgreSQL).
func benchURL(d *benchDB, engine sqldb.Engine) (string, error) {
	if engine == sqldb.SQLite {
		dir, err := os.MkdirTemp("", "attractor-bench-")
		if err != nil {
			return "", err
		}
		d.cleanup = append(d.cleanup, func() { os.RemoveAll(dir) })
		return "sqlite:" + filepath.Join(dir, "bench.db"), nil
	}
	base := os.Getenv("ATTRACTOR_TEST_POSTGRES")
	schema := "bench_" + randomHex()
	admin, err := sqldb.Open(context.Background(), base)
	if err != nil {
		return "", err
	}
	if _, err := admin.Write.Exec("CREATE SCHEMA " + schema); err != nil {
		return "", err
	}
	d.cleanup = append(d.cleanup, func() {
		admin.Write.Exec("DROP SCHEMA " + schema + " CASCADE")
		admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		return "", err
	}
	q := u.Query()
	q.Set("search_path", schema+",public")
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// loadCandidates inserts the generated candidates with the generated
// queries in transactions of 5,000 rows (the store's full write path,
// outbox included, would only slow setup), then refreshes statistics.
func loadCandidates(ctx context.Context, db *sqldb.DB) error {
	gen := newNameGen()
	for start := 0; start < benchCandidates; start += 5000 {
		if err := loadBatch(ctx, db, gen, start, min(start+5000, benchCandidates)); err != nil {
			return err
		}
	}
	_, err := db.Write.ExecContext(ctx, "ANALYZE")
	return err
}

func loadBatch(ctx context.Context, db *sqldb.DB, gen *nameGen, from, to int) error {
	tx, err := db.Write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	q := dbq.New(tx)
	base := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := from; i < to; i++ {
		p := gen.candidate(i, base.Add(time.Duration(i)*time.Minute))
		if _, err := q.CreateCandidate(ctx, p); err != nil {
			return fmt.Errorf("candidate %d: %w", i, err)
		}
		if _, err := q.InsertCandidateEmail(ctx, dbq.InsertCandidateEmailParams{EmailKey: p.Email, CandidateID: p.ID}); err != nil {
			return fmt.Errorf("candidate %d email: %w", i, err)
		}
	}
	return tx.Commit()
}

// nameGen makes reproducible multi-locale people: most last names come from
// a list of common ones (so a query for one matches hundreds of rows, as in
// real data) and the rest are invented, giving a long tail.
type nameGen struct{ r *mrand.Rand }

func newNameGen() *nameGen { return &nameGen{r: mrand.New(mrand.NewPCG(1, 2))} }

var (
	benchFirst = []string{"José", "María", "Lucía", "Jürgen", "Anna", "Zoë", "François", "Chloé", "Łukasz",
		"Agnieszka", "Søren", "Åsa", "Björn", "Ömer", "Ayşe", "Yuki", "Haruto", "Wei", "Mei", "Priya", "Arjun",
		"Mohammed", "Fatima", "Olga", "Dmitri", "Siobhán", "Giulia", "Marco", "Thảo", "Minh", "Kwame", "Amara",
		"João", "Inês", "太郎", "花子", "Sean", "Emily", "Noah", "Lea"}
	benchLast = []string{"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "García", "Martínez", "Rodríguez",
		"López", "Hernández", "Dubois", "Lefèvre", "Moreau", "Nowak", "Kowalski", "Wiśniewski", "Wójcik",
		"Jensen", "Nielsen", "Andersson", "Johansson", "Yılmaz", "Kaya", "Demir", "Tanaka", "Suzuki", "Yamada",
		"Takahashi", "Wang", "Zhang", "Chen", "Sharma", "Patel", "Singh", "Nguyễn", "Trần", "Rossi", "Russo",
		"Ferrari", "Esposito", "Smith", "Johnson", "O'Brien", "Murphy", "Ivanov", "Petrov", "Silva", "Santos",
		"Oliveira", "Mensah", "Okafor", "山田", "佐藤", "田中"}
	benchSyllables = []string{"ka", "lo", "mi", "ran", "tse", "vo", "bel", "dor", "fu", "gri", "hal", "jen",
		"kur", "lin", "mar", "nes", "pol", "quin", "ros", "sta", "tov", "ulm", "ver", "wal", "xen", "yor", "zek"}
	benchDomains = []string{"gmail.com", "posteo.de", "web.de", "outlook.com", "yahoo.co.jp", "firma.example",
		"proton.me", "example.org"}
)

func (g *nameGen) pick(list []string) string { return list[g.r.IntN(len(list))] }

func (g *nameGen) lastName() string {
	if g.r.IntN(10) < 6 {
		return g.pick(benchLast)
	}
	var b strings.Builder
	for range 2 + g.r.IntN(2) {
		b.WriteString(g.pick(benchSyllables))
	}
	s := b.String()
	return strings.ToUpper(s[:1]) + s[1:]
}

func (g *nameGen) candidate(i int, at time.Time) dbq.CreateCandidateParams {
	first, last := g.pick(benchFirst), g.lastName()
	local := asciiKey(first)[:1] + "." + asciiKey(last)
	if g.r.IntN(2) == 0 {
		local = asciiKey(last) + fmt.Sprint(g.r.IntN(100))
	}
	email := fmt.Sprintf("%s.%d@%s", local, i, g.pick(benchDomains))
	return dbq.CreateCandidateParams{
		ID: fmt.Sprintf("bench-%08d", i), Number: fmt.Sprintf("C-%d", 1001+i), FirstName: first, LastName: last,
		Email: email, OtherEmails: "[]", Phones: "[]", Source: "Bench",
		SearchKey: ats.SearchKey(first+" "+last, email), CreatedAt: at, UpdatedAt: at,
	}
}

// asciiKey is a plausible email spelling of a name: folded, letters only,
// with a fallback for scripts that have no Latin letters.
func asciiKey(s string) string {
	var b strings.Builder
	for _, r := range ats.FoldQuery(s) {
		if r >= 'a' && r <= 'z' {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "x" + fmt.Sprint(len(s))
	}
	return b.String()
}

func randomHex() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}
