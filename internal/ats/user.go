package ats

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"time"
)

// Role is a user's system role (Admin Center → User permissions).
type Role string

// System roles.
const (
	RoleAdmin         Role = "admin"
	RoleRecruiter     Role = "recruiter"
	RoleHiringManager Role = "hiring_manager"
	RoleInterviewer   Role = "interviewer"
	RoleReadOnly      Role = "read_only"
)

// Roles lists the system roles in display order.
var Roles = []Role{RoleAdmin, RoleRecruiter, RoleHiringManager, RoleInterviewer, RoleReadOnly}

// Valid reports whether r is one of Roles.
func (r Role) Valid() bool {
	for _, x := range Roles {
		if r == x {
			return true
		}
	}
	return false
}

// CanLeadTeams reports whether the role may hold a hiring manager or
// recruiter seat on a hiring team, own talent pools and contribute to them.
func (r Role) CanLeadTeams() bool {
	return r == RoleAdmin || r == RoleRecruiter || r == RoleHiringManager
}

// CanHoldSeat reports whether a user with this system role may be given the
// seat: recruiter seats need the recruiter (or admin) role, so a hiring
// manager cannot make themselves recruiter to close jobs or reject;
// hiring manager seats need a role that can lead teams; anyone may
// interview.
func (r Role) CanHoldSeat(seat TeamRole) bool {
	switch seat {
	case TeamRecruiter:
		return r == RoleAdmin || r == RoleRecruiter
	case TeamHiringManager:
		return r.CanLeadTeams()
	}
	return seat == TeamInterviewer
}

// User is a person who signs in to Attractor.
type User struct {
	ID           string    `json:"id"`
	Email        string    `json:"email"`
	Name         string    `json:"name"`
	Role         Role      `json:"role"`
	Disabled     bool      `json:"disabled"`
	PasswordHash string    `json:"-"`
	PersonURN    string    `json:"linkedin_person_urn,omitempty"`
	SeatURN      string    `json:"linkedin_seat_urn,omitempty"` // set when CSA maps the member to a Recruiter seat
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// UserUpdate holds the changes to a user; nil fields stay as they are.
type UserUpdate struct {
	Name     *string `json:"name"`
	Role     *Role   `json:"role"`
	Disabled *bool   `json:"disabled"`
	Password *string `json:"password"`
}

// UserFilter selects users in FindUsers.
type UserFilter struct {
	// Query, when set, keeps users whose name or email contains it,
	// compared accent- and case-insensitively (folded with FoldQuery).
	Query string
	Page
}

// Token is a personal API token. Only the SHA-256 of its secret is stored;
// the secret is shown once, when the token is created.
type Token struct {
	ID         string     `json:"id"`
	UserID     string     `json:"user_id"`
	Name       string     `json:"name"`
	Secret     string     `json:"token,omitempty"`
	Hash       []byte     `json:"-"`
	CreatedAt  time.Time  `json:"created_at"`
	ExpiresAt  *time.Time `json:"expires_at,omitempty"`
	LastUsedAt *time.Time `json:"last_used_at,omitempty"`
}

type userKey struct{}

// NewContextWithUser returns a context carrying the acting user.
func NewContextWithUser(ctx context.Context, u *User) context.Context {
	return context.WithValue(ctx, userKey{}, u)
}

// UserFromContext returns the acting user, or nil for an anonymous request.
func UserFromContext(ctx context.Context) *User {
	u, _ := ctx.Value(userKey{}).(*User)
	return u
}

// CredentialStamp fingerprints the user's current password hash. Sessions
// remember it at sign-in and are void once it changes, so resetting a
// password signs the account out everywhere.
func (u *User) CredentialStamp() string {
	sum := sha256.Sum256([]byte(u.PasswordHash))
	return hex.EncodeToString(sum[:8])
}
