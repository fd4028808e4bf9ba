package ats

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"strings"
	"time"
)

// SystemUser is the actor of operator commands run from the command line
// (creating the first admin, resetting a password); it is never stored.
var SystemUser = User{ID: "system", Name: "System", Role: RoleAdmin}

// UserInput creates a user.
type UserInput struct {
	Email    string `json:"email"`
	Name     string `json:"name"`
	Role     Role   `json:"role"`
	Password string `json:"password"`
}

func (in *UserInput) validate(p Problems) {
	in.Email, in.Name = cleanLine(in.Email), cleanLine(in.Name)
	if !validEmail(in.Email) {
		p.Add("email", "Email address is not valid.")
	}
	checkText(p, "name", in.Name, MaxName*2, true)
	if !in.Role.Valid() {
		p.Add("role", "Role must be admin, recruiter, hiring_manager, interviewer or read_only.")
	}
	checkPassword(p, in.Password)
}

// CreateUser adds a user. Admins only.
func (s *Service) CreateUser(ctx context.Context, in UserInput) (*User, error) {
	if _, err := require(ctx, ActionManageUsers); err != nil {
		return nil, err
	}
	p := Problems{}
	in.validate(p)
	if err := p.Err(); err != nil {
		return nil, err
	}
	u := &User{ID: newID(), Email: in.Email, Name: in.Name, Role: in.Role, PasswordHash: HashPassword(in.Password)}
	err := s.store.Update(ctx, func(tx Tx) error {
		u.CreatedAt, u.UpdatedAt = tx.Now(), tx.Now()
		return tx.CreateUser(u)
	})
	return u, err
}

// FindUsers lists users. Admins see everyone; others may list users too, as
// they need names to staff hiring teams and share pools.
func (s *Service) FindUsers(ctx context.Context, f UserFilter) (users []*User, total int, err error) {
	if _, err := actor(ctx); err != nil {
		return nil, 0, err
	}
	if len(f.Query) > 200 {
		return nil, 0, &Error{Code: EINVALID, Message: "The search text is too long.",
			Fields: map[string]string{"q": "At most 200 characters."}}
	}
	f.Query, f.Page = cleanLine(f.Query), f.Page.Normalize()
	err = s.store.View(ctx, func(tx Tx) error {
		users, total, err = tx.FindUsers(f)
		return err
	})
	return users, total, err
}

// FindUserByID returns one user.
func (s *Service) FindUserByID(ctx context.Context, id string) (u *User, err error) {
	if _, err := actor(ctx); err != nil {
		return nil, err
	}
	if !validID(id) {
		return nil, notFound("User")
	}
	err = s.store.View(ctx, func(tx Tx) error {
		u, err = tx.FindUserByID(id)
		return err
	})
	return u, err
}

// UpdateUser changes a user's name, role, password or disabled flag.
// Admins only; an admin cannot demote or disable themselves, so there is
// always someone left to administer.
func (s *Service) UpdateUser(ctx context.Context, id string, upd UserUpdate) (u *User, err error) {
	me, err := require(ctx, ActionManageUsers)
	if err != nil {
		return nil, err
	}
	if !validID(id) {
		return nil, notFound("User")
	}
	hash, err := upd.hash()
	if err != nil {
		return nil, err
	}
	err = s.store.Update(ctx, func(tx Tx) error {
		if u, err = tx.FindUserByID(id); err != nil {
			return err
		}
		if err := upd.apply(u, me, hash); err != nil {
			return err
		}
		u.UpdatedAt = tx.Now()
		return tx.UpdateUser(u)
	})
	return u, err
}

// hash checks and hashes a new password before the write transaction, so
// the slow argon2 work does not hold SQLite's single writer.
func (upd UserUpdate) hash() (string, error) {
	if upd.Password == nil {
		return "", nil
	}
	p := Problems{}
	checkPassword(p, *upd.Password)
	if err := p.Err(); err != nil {
		return "", err
	}
	return HashPassword(*upd.Password), nil
}

func (upd UserUpdate) apply(u *User, me *User, hash string) error {
	p := Problems{}
	if upd.Name != nil {
		u.Name = cleanLine(*upd.Name)
		checkText(p, "name", u.Name, MaxName*2, true)
	}
	if upd.Role != nil {
		if !upd.Role.Valid() {
			p.Add("role", "Role must be admin, recruiter, hiring_manager, interviewer or read_only.")
		} else if u.ID == me.ID && *upd.Role != RoleAdmin {
			p.Add("role", "You cannot remove your own admin role.")
		}
		u.Role = *upd.Role
	}
	if upd.Disabled != nil {
		if u.ID == me.ID && *upd.Disabled {
			p.Add("disabled", "You cannot disable your own account.")
		}
		u.Disabled = *upd.Disabled
	}
	if upd.Password != nil {
		u.PasswordHash = hash
	}
	return p.Err()
}

// Authenticate checks an email and password and returns the user. The
// error does not say which of the two was wrong.
func (s *Service) Authenticate(ctx context.Context, email, password string) (*User, error) {
	bad := Errorf(EUNAUTHORIZED, "Email or password is incorrect.")
	if len(password) > MaxPassword || !validEmail(strings.TrimSpace(email)) {
		return nil, bad
	}
	refund, ok := s.logins.take(NormalizeEmail(email), time.Now())
	if !ok {
		return nil, Errorf(ETOOMANY, "Too many failed sign-in attempts for this account; try again in a minute.")
	}
	select { // each check holds 19 MiB for argon2: bound how many run at once
	case s.hashing <- struct{}{}:
		defer func() { <-s.hashing }()
	case <-ctx.Done():
		refund()
		return nil, ctx.Err()
	}
	u, err := s.checkPassword(ctx, email, password)
	if err == nil {
		refund()
	}
	return u, err
}

// checkPassword finds the user by email and verifies the password.
func (s *Service) checkPassword(ctx context.Context, email, password string) (*User, error) {
	bad := Errorf(EUNAUTHORIZED, "Email or password is incorrect.")
	var u *User
	err := s.store.View(ctx, func(tx Tx) (err error) {
		u, err = tx.FindUserByEmail(strings.TrimSpace(email))
		return err
	})
	if ErrorCode(err) == ENOTFOUND {
		HashPassword(password) // spend the same time as a real check
		return nil, bad
	} else if err != nil {
		return nil, err
	}
	if !CheckPassword(u.PasswordHash, password) || u.Disabled {
		return nil, bad
	}
	return u, nil
}

// tokenPrefix marks Attractor API tokens, so leaked ones are recognisable
// by secret scanners.
const tokenPrefix = "atr_"

// HashToken returns the stored form of an API token secret.
func HashToken(secret string) []byte {
	h := sha256.Sum256([]byte(secret))
	return h[:]
}

// CreateToken issues a personal API token for the acting user. The secret
// is in the returned Token only; storage keeps its hash.
func (s *Service) CreateToken(ctx context.Context, name string, ttl time.Duration) (*Token, error) {
	u, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	p := Problems{}
	if name = cleanLine(name); name == "" {
		name = "API token"
	}
	checkText(p, "name", name, 100, true)
	if ttl < 0 || ttl > 5*365*24*time.Hour {
		p.Add("expires_in_days", "Tokens live between 1 day and 5 years; leave empty for no expiry.")
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	secret := tokenPrefix + base64.RawURLEncoding.EncodeToString(randomSecret(32))
	t := &Token{ID: newID(), UserID: u.ID, Name: name, Secret: secret, Hash: HashToken(secret)}
	err = s.store.Update(ctx, func(tx Tx) error {
		t.CreatedAt = tx.Now()
		if ttl > 0 {
			exp := tx.Now().Add(ttl)
			t.ExpiresAt = &exp
		}
		return tx.CreateToken(t)
	})
	return t, err
}

// UserByToken returns the owner of an API token, if the token is valid,
// unexpired and its owner enabled.
func (s *Service) UserByToken(ctx context.Context, secret string) (*User, error) {
	bad := Errorf(EUNAUTHORIZED, "The API token is not valid.")
	if !strings.HasPrefix(secret, tokenPrefix) || len(secret) > 200 {
		return nil, bad
	}
	var u *User
	var t *Token
	err := s.store.View(ctx, func(tx Tx) (err error) {
		if t, err = tx.FindTokenByHash(HashToken(secret)); err != nil {
			return err
		}
		if t.ExpiresAt != nil && !tx.Now().Before(*t.ExpiresAt) {
			return bad
		}
		u, err = tx.FindUserByID(t.UserID)
		return err
	})
	if ErrorCode(err) == ENOTFOUND || (err == nil && u.Disabled) {
		return nil, bad
	} else if err != nil {
		return nil, err
	}
	return u, s.touchToken(ctx, t)
}

// touchToken records when a token was last used, at most once a minute, so
// API reads do not all queue for the single SQLite writer.
func (s *Service) touchToken(ctx context.Context, t *Token) error {
	if t.LastUsedAt != nil && time.Since(*t.LastUsedAt) < time.Minute {
		return nil
	}
	return s.store.Update(ctx, func(tx Tx) error { return tx.TouchToken(t.ID, tx.Now()) })
}

// CountUsers returns how many users exist; the first run uses it to tell
// the operator how to create the first admin.
func (s *Service) CountUsers(ctx context.Context) (n int, err error) {
	err = s.store.View(ctx, func(tx Tx) error {
		n, err = tx.CountUsers()
		return err
	})
	return n, err
}

// FindUserByEmail looks a user up for operator commands (SystemUser only).
func (s *Service) FindUserByEmail(ctx context.Context, email string) (u *User, err error) {
	if _, err := require(ctx, ActionManageUsers); err != nil {
		return nil, err
	}
	err = s.store.View(ctx, func(tx Tx) error {
		u, err = tx.FindUserByEmail(strings.TrimSpace(email))
		return err
	})
	return u, err
}

// FindTokens lists the acting user's API tokens, newest first, without
// their secrets.
func (s *Service) FindTokens(ctx context.Context) (list []*Token, err error) {
	u, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	err = s.store.View(ctx, func(tx Tx) error {
		list, err = tx.FindTokens(u.ID)
		return err
	})
	return list, err
}

// DeleteToken revokes an API token: the acting user's own, or anyone's for
// an admin (to cut off a leaked token).
func (s *Service) DeleteToken(ctx context.Context, id string) error {
	u, err := actor(ctx)
	if err != nil {
		return err
	}
	if !validID(id) {
		return notFound("API token")
	}
	return s.store.Update(ctx, func(tx Tx) error {
		mine, err := tx.FindTokens(u.ID)
		if err != nil {
			return err
		}
		if !ownsToken(mine, id) && u.Role != RoleAdmin {
			return notFound("API token")
		}
		return tx.DeleteToken(id)
	})
}

func ownsToken(list []*Token, id string) bool {
	for _, t := range list {
		if t.ID == id {
			return true
		}
	}
	return false
}
