package simstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jackc/pgx/v5"

	"attractor/internal/linkedinsim"
	"attractor/internal/linkedinsim/simstore/simdb"
	"attractor/internal/sqldb"
)

// memberColumns is the column order of the COPY load, equal to the
// InsertMember query's.
var memberColumns = []string{"id", "person_urn", "first_name", "last_name", "name_key", "email",
	"email_key", "headline", "company", "title", "location", "profile_url", "open_to_work", "closed",
	"created_at", "match_key"}

// WriteMembers inserts one batch atomically, in the statement shape each
// engine loads fastest (dependencies.md §5): on SQLite one prepared
// single-row insert reused inside the transaction, on PostgreSQL one COPY.
func (s *Store) WriteMembers(ctx context.Context, batch []linkedinsim.Member) error {
	if s.db.Engine == sqldb.Postgres {
		return s.copyMembers(ctx, batch)
	}
	return s.update(ctx, func(_ *simdb.Queries, tx *sql.Tx) error {
		stmt, err := tx.PrepareContext(ctx, simdb.InsertMemberSQL)
		if err != nil {
			return fmt.Errorf("prepare member insert: %w", err)
		}
		defer stmt.Close()
		for i := range batch {
			if _, err := stmt.ExecContext(ctx, memberArgs(&batch[i])...); err != nil {
				return wrap(err, "insert member")
			}
		}
		return nil
	})
}

// copyMembers loads a batch with COPY through the native pool; one COPY is
// one statement, so the batch lands whole or not at all.
func (s *Store) copyMembers(ctx context.Context, batch []linkedinsim.Member) error {
	rows := make([][]any, len(batch))
	for i := range batch {
		rows[i] = memberArgs(&batch[i])
	}
	_, err := s.db.Pool.CopyFrom(ctx, pgx.Identifier{"members"}, memberColumns, pgx.CopyFromRows(rows))
	return wrap(err, "copy members")
}

// memberArgs lists m's values in memberColumns order, normalising the time
// and adding the match key name matching blocks on (match.go).
func memberArgs(m *linkedinsim.Member) []any {
	return []any{m.ID, m.PersonURN, m.FirstName, m.LastName, m.NameKey, m.Email, m.EmailKey,
		m.Headline, m.Company, m.Title, m.Location, m.ProfileURL, m.OpenToWork, m.Closed,
		sqldb.UTC(m.CreatedAt), linkedinsim.MatchKey(m.FirstName, m.LastName)}
}

// FindMemberByID returns one member.
func (s *Store) FindMemberByID(ctx context.Context, id int64) (*linkedinsim.Member, error) {
	row, err := s.read().GetMember(ctx, id)
	if err != nil {
		return nil, lookup(err, "Member", "get member")
	}
	return memberFrom(row), nil
}

// CountMembers returns the number of members.
func (s *Store) CountMembers(ctx context.Context) (int64, error) {
	n, err := s.read().CountMembers(ctx)
	return n, wrap(err, "count members")
}

// memberFrom maps a row to the domain type.
func memberFrom(r simdb.Member) *linkedinsim.Member {
	return &linkedinsim.Member{ID: r.ID, PersonURN: r.PersonUrn, FirstName: r.FirstName,
		LastName: r.LastName, NameKey: r.NameKey, Email: r.Email, EmailKey: r.EmailKey,
		Headline: r.Headline, Company: r.Company, Title: r.Title, Location: r.Location,
		ProfileURL: r.ProfileUrl, OpenToWork: r.OpenToWork, Closed: r.Closed,
		CreatedAt: r.CreatedAt.UTC()}
}
