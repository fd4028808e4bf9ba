package simstore

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"attractor/internal/linkedinsim"
	"attractor/internal/sqldb"
)

// Compile-time check that Store serves name matching.
var _ linkedinsim.MatchStore = (*Store)(nil)

// MatchMemberByEmailKey finds the member with that email key.
func (s *Store) MatchMemberByEmailKey(ctx context.Context, key string) (*linkedinsim.Member, error) {
	row, err := s.read().GetMemberByEmailKey(ctx, key)
	if err != nil {
		return nil, lookup(err, "Member", "get member by email")
	}
	return memberFrom(row), nil
}

// MatchMemberByPersonURN finds the member with that person URN.
func (s *Store) MatchMemberByPersonURN(ctx context.Context, urn string) (*linkedinsim.Member, error) {
	row, err := s.read().GetMemberByPersonURN(ctx, urn)
	if err != nil {
		return nil, lookup(err, "Member", "get member by person URN")
	}
	return memberFrom(row), nil
}

// MatchMemberByProfileURL finds the member with that normalised profile URL.
func (s *Store) MatchMemberByProfileURL(ctx context.Context, url string) (*linkedinsim.Member, error) {
	row, err := s.read().MatchMemberByProfileURL(ctx, url)
	if err != nil {
		return nil, lookup(err, "Member", "get member by profile URL")
	}
	return memberFrom(row), nil
}

// MatchMembersByName returns up to limit open members whose match key
// contains every string of some term of block. This is the one query whose
// SQL differs by engine: SQLite asks its FTS5 trigram table in one MATCH
// expression; PostgreSQL ANDs and ORs LIKE conditions, which its pg_trgm
// GIN index answers. Both come from migrations/<engine>/00003; without
// them (core migrations only) the LIKE form still answers, by a scan.
func (s *Store) MatchMembersByName(ctx context.Context, block linkedinsim.NameBlock, limit int) ([]linkedinsim.Member, error) {
	if len(block.Terms) == 0 {
		return nil, nil
	}
	query, args, err := s.nameQuery(ctx, block, limit)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.Read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("match members by name: %w", err)
	}
	defer rows.Close()
	var out []linkedinsim.Member
	for rows.Next() {
		var m linkedinsim.Member
		if err := rows.Scan(&m.ID, &m.PersonURN, &m.FirstName, &m.LastName, &m.NameKey, &m.Email,
			&m.EmailKey, &m.Headline, &m.Company, &m.Title, &m.Location, &m.ProfileURL,
			&m.OpenToWork, &m.Closed, &m.CreatedAt); err != nil {
			return nil, fmt.Errorf("match members by name: %w", err)
		}
		m.CreatedAt = m.CreatedAt.UTC()
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("match members by name: %w", err)
	}
	return out, nil
}

// matchColumns are the member columns name matching reads, in the order
// MatchMembersByName scans them.
const matchColumns = `m.id, m.person_urn, m.first_name, m.last_name, m.name_key, m.email, m.email_key,
	m.headline, m.company, m.title, m.location, m.profile_url, m.open_to_work, m.closed, m.created_at`

// SQL of the SQLite trigram route (migrations/sqlite/00003_member_search.sql).
const (
	sqliteNameMatch = `SELECT ` + matchColumns + ` FROM member_fts f JOIN members m ON m.id = f.rowid
		WHERE member_fts MATCH $1 AND NOT m.closed LIMIT $2`
)

// nameQuery picks the engine's route and renders block for it.
func (s *Store) nameQuery(ctx context.Context, block linkedinsim.NameBlock, limit int) (string, []any, error) {
	if s.db.Engine == sqldb.SQLite {
		indexed, err := s.memberFTS.Exists(ctx, s.db.Read)
		if err != nil {
			return "", nil, err
		}
		if indexed {
			return sqliteNameMatch, []any{ftsExpression(block), limit}, nil
		}
	}
	query, args := likeQuery(block, limit)
	return query, args, nil
}

// ftsExpression renders block as one FTS5 query: terms ORed, the strings
// of a term ANDed, each string a quoted phrase, so that punctuation in it is
// literal and a trigram phrase matches exactly that substring.
func ftsExpression(block linkedinsim.NameBlock) string {
	terms := make([]string, len(block.Terms))
	for i, term := range block.Terms {
		parts := make([]string, len(term))
		for j, s := range term {
			parts[j] = `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
		}
		terms[i] = "(" + strings.Join(parts, " AND ") + ")"
	}
	return strings.Join(terms, " OR ")
}

// likeQuery renders block as portable SQL: one LIKE '%s%' per string,
// ANDed within a term and ORed across terms, with numbered parameters.
func likeQuery(block linkedinsim.NameBlock, limit int) (string, []any) {
	var args []any
	terms := make([]string, len(block.Terms))
	for i, term := range block.Terms {
		conds := make([]string, len(term))
		for j, s := range term {
			args = append(args, "%"+likeEscaper.Replace(s)+"%")
			conds[j] = `m.match_key LIKE $` + strconv.Itoa(len(args)) + ` ESCAPE '\'`
		}
		terms[i] = "(" + strings.Join(conds, " AND ") + ")"
	}
	args = append(args, limit)
	query := `SELECT ` + matchColumns + ` FROM members m WHERE NOT m.closed AND (` +
		strings.Join(terms, " OR ") + `) LIMIT $` + strconv.Itoa(len(args))
	return query, args
}

// likeEscaper makes LIKE's wildcards literal.
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
