package store

import (
	"time"

	"attractor/internal/ats"
	"attractor/internal/store/dbq"
)

// CreateUser stores u, filling its id and times when empty. The email is
// unique case-insensitively (ECONFLICT names it).
func (t *tx) CreateUser(u *ats.User) error {
	if err := newID(&u.ID); err != nil {
		return err
	}
	t.stampNew(&u.CreatedAt, &u.UpdatedAt)
	n, err := t.q.CreateUser(t.ctx, dbq.CreateUserParams{
		ID: u.ID, Email: u.Email, EmailKey: ats.NormalizeEmail(u.Email), Name: u.Name,
		NameKey: ats.FoldQuery(u.Name), Role: string(u.Role), Disabled: u.Disabled,
		PasswordHash: u.PasswordHash, PersonUrn: u.PersonURN, SeatUrn: u.SeatURN, CreatedAt: u.CreatedAt,
		UpdatedAt: u.UpdatedAt,
	})
	if err != nil {
		return wrap(err, "create user")
	}
	if n == 0 {
		return conflict("A user with the email %s already exists.", u.Email)
	}
	return nil
}

// FindUserByID returns the user with id, or ENOTFOUND.
func (t *tx) FindUserByID(id string) (*ats.User, error) {
	row, err := t.q.GetUser(t.ctx, id)
	if err != nil {
		return nil, lookup(err, "User", "find user")
	}
	return userFromRow(row), nil
}

// FindUserByEmail returns the user whose email matches case-insensitively.
func (t *tx) FindUserByEmail(email string) (*ats.User, error) {
	row, err := t.q.GetUserByEmailKey(t.ctx, ats.NormalizeEmail(email))
	if err != nil {
		return nil, lookup(err, "User", "find user by email")
	}
	return userFromRow(row), nil
}

// FindUsers returns a page of users ordered by name, and the total count.
// Query is folded and matched as a substring of the name or the email.
func (t *tx) FindUsers(f ats.UserFilter) ([]*ats.User, int, error) {
	if q := ats.FoldQuery(f.Query); q != "" {
		return t.findUsersMatching(likePattern(q), f.Page)
	}
	limit, offset := page(f.Page)
	rows, err := t.q.ListUsers(t.ctx, dbq.ListUsersParams{Limit: limit, Offset: offset})
	if err != nil {
		return nil, 0, wrap(err, "find users")
	}
	total, err := t.q.CountUsers(t.ctx)
	if err != nil {
		return nil, 0, wrap(err, "count users")
	}
	out := make([]*ats.User, len(rows))
	for i, r := range rows {
		out[i] = userFromRow(r)
	}
	return out, int(total), nil
}

// UpdateUser saves every field of u but its creation time. Taking another
// user's email is ECONFLICT; it is checked first so the transaction stays
// usable on PostgreSQL.
func (t *tx) UpdateUser(u *ats.User) error {
	key := ats.NormalizeEmail(u.Email)
	other, err := t.q.GetUserByEmailKey(t.ctx, key)
	if clash, err := takenBy(other.ID, err, u.ID); err != nil {
		return wrap(err, "update user")
	} else if clash {
		return conflict("A user with the email %s already exists.", u.Email)
	}
	t.stamp(&u.UpdatedAt)
	n, err := t.q.UpdateUser(t.ctx, dbq.UpdateUserParams{
		ID: u.ID, Email: u.Email, EmailKey: key, Name: u.Name, NameKey: ats.FoldQuery(u.Name),
		Role: string(u.Role), Disabled: u.Disabled, PasswordHash: u.PasswordHash,
		PersonUrn: u.PersonURN, SeatUrn: u.SeatURN, UpdatedAt: u.UpdatedAt,
	})
	return changed(n, err, "User", "update user")
}

// CountUsers counts every user, disabled ones included (first-run setup
// asks whether there are none).
func (t *tx) CountUsers() (int, error) {
	n, err := t.q.CountUsers(t.ctx)
	if err != nil {
		return 0, wrap(err, "count users")
	}
	return int(n), nil
}

// CreateToken stores an API token's hash (never its secret).
func (t *tx) CreateToken(tok *ats.Token) error {
	if err := newID(&tok.ID); err != nil {
		return err
	}
	t.stamp(&tok.CreatedAt)
	n, err := t.q.CreateToken(t.ctx, dbq.CreateTokenParams{
		ID: tok.ID, UserID: tok.UserID, Name: tok.Name, Hash: tok.Hash, CreatedAt: tok.CreatedAt,
		ExpiresAt: nullTime(tok.ExpiresAt), LastUsedAt: nullTime(tok.LastUsedAt),
	})
	if err != nil {
		return wrap(err, "create token")
	}
	if n == 0 {
		return conflict("This API token already exists.")
	}
	return nil
}

// FindTokenByHash returns the token whose secret hashes to hash.
func (t *tx) FindTokenByHash(hash []byte) (*ats.Token, error) {
	row, err := t.q.GetTokenByHash(t.ctx, hash)
	if err != nil {
		return nil, lookup(err, "API token", "find token")
	}
	return tokenFromRow(row), nil
}

// FindTokens lists a user's API tokens, newest first.
func (t *tx) FindTokens(userID string) ([]*ats.Token, error) {
	rows, err := t.q.ListTokens(t.ctx, userID)
	if err != nil {
		return nil, wrap(err, "list tokens")
	}
	out := make([]*ats.Token, len(rows))
	for i, r := range rows {
		out[i] = tokenFromRow(r)
	}
	return out, nil
}

// DeleteToken revokes an API token.
func (t *tx) DeleteToken(id string) error {
	n, err := t.q.DeleteToken(t.ctx, id)
	return changed(n, err, "API token", "delete token")
}

func tokenFromRow(row dbq.Token) *ats.Token {
	return &ats.Token{
		ID: row.ID, UserID: row.UserID, Name: row.Name, Hash: row.Hash, CreatedAt: row.CreatedAt.UTC(),
		ExpiresAt: timePtr(row.ExpiresAt), LastUsedAt: timePtr(row.LastUsedAt),
	}
}

// TouchToken records when a token was last used.
func (t *tx) TouchToken(id string, at time.Time) error {
	n, err := t.q.TouchToken(t.ctx, dbq.TouchTokenParams{ID: id, LastUsedAt: nullTime(&at)})
	return changed(n, err, "API token", "touch token")
}

func userFromRow(r dbq.User) *ats.User {
	return &ats.User{
		ID: r.ID, Email: r.Email, Name: r.Name, Role: ats.Role(r.Role), Disabled: r.Disabled,
		PasswordHash: r.PasswordHash, PersonURN: r.PersonUrn, SeatURN: r.SeatUrn,
		CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
	}
}
