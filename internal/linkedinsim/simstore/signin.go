package simstore

import (
	"context"
	"database/sql"
	"time"

	"attractor/internal/linkedinsim"
	"attractor/internal/linkedinsim/simstore/simdb"
	"attractor/internal/sqldb"
)

// CreateMemberSession stores a session and prunes the member's expired
// sessions in the same transaction.
func (s *Store) CreateMemberSession(ctx context.Context, sess linkedinsim.MemberSession) error {
	return s.update(ctx, func(q *simdb.Queries, _ *sql.Tx) error {
		err := q.DeleteExpiredMemberSessions(ctx, simdb.DeleteExpiredMemberSessionsParams{
			MemberID: sess.MemberID, ExpiresAt: sqldb.UTC(sess.CreatedAt)})
		if err != nil {
			return wrap(err, "prune member sessions")
		}
		return wrap(q.InsertMemberSession(ctx, simdb.InsertMemberSessionParams{Hash: sess.Hash,
			MemberID: sess.MemberID, CreatedAt: sqldb.UTC(sess.CreatedAt),
			ExpiresAt: sqldb.UTC(sess.ExpiresAt)}), "insert member session")
	})
}

// FindMemberSession returns a session by hash, expired or not.
func (s *Store) FindMemberSession(ctx context.Context, hash []byte) (*linkedinsim.MemberSession, error) {
	r, err := s.read().GetMemberSession(ctx, hash)
	if err != nil {
		return nil, lookup(err, "Session", "get member session")
	}
	return &linkedinsim.MemberSession{Hash: r.Hash, MemberID: r.MemberID, CreatedAt: r.CreatedAt.UTC(),
		ExpiresAt: r.ExpiresAt.UTC()}, nil
}

// DeleteMemberSession removes a session; a missing one is no error.
func (s *Store) DeleteMemberSession(ctx context.Context, hash []byte) error {
	return s.update(ctx, func(q *simdb.Queries, _ *sql.Tx) error {
		return wrap(q.DeleteMemberSession(ctx, hash), "delete member session")
	})
}

// ListMemberSeats returns a member's seats with contract and organization,
// by contract.
func (s *Store) ListMemberSeats(ctx context.Context, memberID int64) ([]linkedinsim.MemberSeat, error) {
	rows, err := s.read().ListMemberSeats(ctx, memberID)
	if err != nil {
		return nil, wrap(err, "list member seats")
	}
	out := make([]linkedinsim.MemberSeat, 0, len(rows))
	for _, r := range rows {
		out = append(out, linkedinsim.MemberSeat{
			Seat: linkedinsim.Seat{ID: r.ID, ContractID: r.ContractID, MemberID: memberID, Admin: r.IsAdmin,
				Active: r.Active, CreatedAt: r.CreatedAt.UTC()},
			Contract: linkedinsim.Contract{ID: r.ContractID, OrganizationID: r.OrganizationID,
				Name: r.ContractName},
			OrganizationName: r.OrganizationName})
	}
	return out, nil
}

// CreateAuthorizationCode stores a new code.
func (s *Store) CreateAuthorizationCode(ctx context.Context, c linkedinsim.AuthorizationCode) error {
	return s.update(ctx, func(q *simdb.Queries, _ *sql.Tx) error {
		return wrap(q.InsertAuthorizationCode(ctx, simdb.InsertAuthorizationCodeParams{Hash: c.Hash,
			AppID: c.AppID, MemberID: c.MemberID, RedirectUri: c.RedirectURI, Scope: c.Scope,
			CreatedAt: sqldb.UTC(c.CreatedAt), ExpiresAt: sqldb.UTC(c.ExpiresAt)}), "insert authorization code")
	})
}

// UseAuthorizationCode marks a code used, in one transaction with the
// revocation of its tokens when it was used before.
func (s *Store) UseAuthorizationCode(ctx context.Context, hash []byte, usedAt time.Time) (*linkedinsim.AuthorizationCode, bool, error) {
	var code *linkedinsim.AuthorizationCode
	var first bool
	err := s.update(ctx, func(q *simdb.Queries, _ *sql.Tx) error {
		n, err := q.UseAuthorizationCode(ctx, simdb.UseAuthorizationCodeParams{Hash: hash,
			UsedAt: sql.NullTime{Time: sqldb.UTC(usedAt), Valid: true}})
		if err != nil {
			return wrap(err, "use authorization code")
		}
		r, err := q.GetAuthorizationCode(ctx, hash)
		if err != nil {
			return lookup(err, "Authorization code", "get authorization code")
		}
		code, first = codeFrom(r), n == 1
		if !first {
			return wrap(q.DeleteMemberTokensByCode(ctx, hash), "revoke member tokens")
		}
		return nil
	})
	return code, first, err
}

func codeFrom(r simdb.AuthorizationCode) *linkedinsim.AuthorizationCode {
	c := &linkedinsim.AuthorizationCode{Hash: r.Hash, AppID: r.AppID, MemberID: r.MemberID,
		RedirectURI: r.RedirectUri, Scope: r.Scope, CreatedAt: r.CreatedAt.UTC(), ExpiresAt: r.ExpiresAt.UTC()}
	if r.UsedAt.Valid {
		c.UsedAt = r.UsedAt.Time.UTC()
	}
	return c
}

// CreateMemberToken stores a member access token.
func (s *Store) CreateMemberToken(ctx context.Context, t linkedinsim.MemberToken) error {
	return s.update(ctx, func(q *simdb.Queries, _ *sql.Tx) error {
		return wrap(q.InsertMemberToken(ctx, simdb.InsertMemberTokenParams{Hash: t.Hash, AppID: t.AppID,
			MemberID: t.MemberID, Scope: t.Scope, CodeHash: t.CodeHash, CreatedAt: sqldb.UTC(t.CreatedAt),
			ExpiresAt: sqldb.UTC(t.ExpiresAt)}), "insert member token")
	})
}

// FindMemberToken returns a member token by hash, expired or not.
func (s *Store) FindMemberToken(ctx context.Context, hash []byte) (*linkedinsim.MemberToken, error) {
	r, err := s.read().GetMemberToken(ctx, hash)
	if err != nil {
		return nil, lookup(err, "Member token", "get member token")
	}
	return &linkedinsim.MemberToken{Hash: r.Hash, AppID: r.AppID, MemberID: r.MemberID, Scope: r.Scope,
		CodeHash: r.CodeHash, CreatedAt: r.CreatedAt.UTC(), ExpiresAt: r.ExpiresAt.UTC()}, nil
}
