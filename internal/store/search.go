package store

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"attractor/internal/sqldb"
	"attractor/internal/store/dbq"
)

// searcher answers FindCandidates for a non-empty folded query. It is the
// one place where the engines' SQL differs at run time; the indexes it
// relies on come from migrations/<engine>/00002_search.sql.
type searcher interface {
	findCandidates(t *tx, q string, limit, offset int32) ([]dbq.Candidate, int64, error)
}

func newSearcher(e sqldb.Engine) searcher {
	if e == sqldb.SQLite {
		return sqliteSearch{index: sqldb.NewTableProbe("candidate_fts")}
	}
	return postgresSearch{}
}

// likeSearch is the portable answer: the query as a substring of
// search_key, through the generated queries. It is correct on any schema,
// and fast where the engine can index LIKE '%q%'.
func likeSearch(t *tx, q string, limit, offset int32) ([]dbq.Candidate, int64, error) {
	pattern := likePattern(q)
	rows, err := t.q.SearchCandidates(t.ctx, dbq.SearchCandidatesParams{Pattern: pattern, Lim: limit, Off: offset})
	if err != nil {
		return nil, 0, wrap(err, "search candidates")
	}
	total, err := t.q.CountSearchCandidates(t.ctx, pattern)
	if err != nil {
		return nil, 0, wrap(err, "count candidate matches")
	}
	return rows, total, nil
}

// postgresSearch runs likeSearch, which the pg_trgm GIN index serves for
// queries of three or more characters. Plans are made for each query's
// actual pattern: a plan cached for a parameter cannot tell "%mueller%"
// (selective: the index is best) from "%@gmail%" (matches many: walking
// the newest-first index is best) or "%山田%" (no trigrams: only a scan
// works), and a wrong guess costs tens of milliseconds at 100,000
// candidates. Shorter queries must scan the table, so they list and count
// in one pass.
type postgresSearch struct{}

func (postgresSearch) findCandidates(t *tx, q string, limit, offset int32) ([]dbq.Candidate, int64, error) {
	if _, err := t.sql.ExecContext(t.ctx, "SET LOCAL plan_cache_mode = force_custom_plan"); err != nil {
		return nil, 0, fmt.Errorf("set search plan mode: %w", err)
	}
	if utf8.RuneCountInString(q) >= 3 {
		return likeSearch(t, q, limit, offset)
	}
	rows, err := t.q.SearchCandidatesCounted(t.ctx, dbq.SearchCandidatesCountedParams{Pattern: likePattern(q), Lim: limit, Off: offset})
	if err != nil {
		return nil, 0, wrap(err, "search candidates")
	}
	if len(rows) == 0 && offset > 0 { // a page past the end: count apart
		return likeSearch(t, q, limit, offset)
	}
	if len(rows) == 0 {
		return nil, 0, nil
	}
	out := make([]dbq.Candidate, len(rows))
	for i, r := range rows {
		out[i] = r.Candidate
	}
	return out, rows[0].Total, nil
}

// sqliteSearch counts the matches first, then lists one page of ids by the
// cheaper of two routes, and loads those candidates. Counting uses the FTS5
// trigram index for queries of three or more characters, and a scan of
// candidates_search_idx for shorter ones, which trigrams cannot answer.
type sqliteSearch struct {
	index *sqldb.TableProbe // candidate_fts, from migrations/sqlite
}

// SQL for the SQLite-only objects of migrations/sqlite/00002_search.sql.
const (
	sqliteFTSCount = `SELECT (SELECT count(*) FROM candidate_fts WHERE candidate_fts MATCH $1),
		(SELECT coalesce(max(seq), 0) FROM candidate_search)`
	sqliteFTSPage = `SELECT s.candidate_id FROM candidate_fts f JOIN candidate_search s ON s.seq = f.rowid
		WHERE candidate_fts MATCH $1
		ORDER BY s.created_at DESC, s.candidate_id DESC LIMIT $2 OFFSET $3`
	sqliteScanCount = `SELECT count(*) FROM candidates INDEXED BY candidates_search_idx
		WHERE search_key LIKE $1 ESCAPE '\'`
	sqliteWalkPage = `SELECT id FROM candidates INDEXED BY candidates_search_idx
		WHERE search_key LIKE $1 ESCAPE '\'
		ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3`
)

// walkFactor weighs the two routes to a page of FTS matches: walking the
// newest-first index reads about (offset+limit)·n/total entries, sorting
// the matches costs about walkFactor times more per match (measured with
// modernc SQLite at 100,000 candidates).
const walkFactor = 6

func (s sqliteSearch) findCandidates(t *tx, q string, limit, offset int32) ([]dbq.Candidate, int64, error) {
	indexed, err := s.index.Exists(t.ctx, t.sql)
	if err != nil {
		return nil, 0, err
	}
	if !indexed { // migrated without migrations/sqlite: slower, still right
		return likeSearch(t, q, limit, offset)
	}
	var ids []string
	var total int64
	if utf8.RuneCountInString(q) < 3 {
		ids, total, err = s.scan(t, likePattern(q), limit, offset)
	} else {
		ids, total, err = s.match(t, q, limit, offset)
	}
	if err != nil {
		return nil, 0, err
	}
	rows, err := t.candidatesByID(ids)
	return rows, total, err
}

// scan counts by reading candidates_search_idx, then walks it for the page.
func (sqliteSearch) scan(t *tx, pattern string, limit, offset int32) ([]string, int64, error) {
	var total int64
	if err := t.sql.QueryRowContext(t.ctx, sqliteScanCount, pattern).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count candidate matches: %w", err)
	}
	if int64(offset) >= total {
		return nil, total, nil
	}
	ids, err := queryIDs(t, sqliteWalkPage, pattern, limit, offset)
	return ids, total, err
}

// match counts with the trigram index, then either sorts the matches or,
// when they are a large share of all candidates, walks the newest-first
// index, which then fills a page after a few rows.
func (sqliteSearch) match(t *tx, q string, limit, offset int32) ([]string, int64, error) {
	phrase := ftsPhrase(q)
	var total, n int64
	if err := t.sql.QueryRowContext(t.ctx, sqliteFTSCount, phrase).Scan(&total, &n); err != nil {
		return nil, 0, fmt.Errorf("count candidate matches: %w", err)
	}
	if int64(offset) >= total {
		return nil, total, nil
	}
	var ids []string
	var err error
	if float64(offset+limit)*float64(n) < walkFactor*float64(total)*float64(total) {
		ids, err = queryIDs(t, sqliteWalkPage, likePattern(q), limit, offset)
	} else {
		ids, err = queryIDs(t, sqliteFTSPage, phrase, limit, offset)
	}
	return ids, total, err
}

// queryIDs runs a query that lists candidate ids for one page.
func queryIDs(t *tx, query, arg string, limit, offset int32) ([]string, error) {
	rows, err := t.sql.QueryContext(t.ctx, query, arg, limit, offset)
	if err != nil {
		return nil, fmt.Errorf("search candidates: %w", err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("search candidates: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search candidates: %w", err)
	}
	return ids, nil
}

// candidatesByID loads a page of candidates through the generated query,
// one primary-key lookup each, so their mapping stays in one place.
func (t *tx) candidatesByID(ids []string) ([]dbq.Candidate, error) {
	out := make([]dbq.Candidate, len(ids))
	for i, id := range ids {
		row, err := t.q.GetCandidate(t.ctx, id)
		if err != nil {
			return nil, wrap(err, "load candidate match")
		}
		out[i] = row
	}
	return out, nil
}

// ftsPhrase quotes q as one FTS5 string, so operators and punctuation in
// it are literal and a trigram match is an exact substring match.
func ftsPhrase(q string) string {
	return `"` + strings.ReplaceAll(q, `"`, `""`) + `"`
}
