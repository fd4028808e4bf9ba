package ats

import (
	"context"
	"crypto/rand"
	"runtime"
	"strings"

	"github.com/google/uuid"
)

// Service carries out every domain operation: it identifies the acting user
// from the context, checks the permission matrix and the rules, and writes
// through the Store in one transaction per operation.
type Service struct {
	store   Store
	logins  *loginThrottle
	hashing chan struct{} // slots for concurrent password checks
}

// NewService returns a Service over store.
func NewService(store Store) *Service {
	return &Service{store: store, logins: newLoginThrottle(),
		hashing: make(chan struct{}, max(2, runtime.GOMAXPROCS(0)))}
}

// newID returns a fresh time-ordered identifier (UUIDv7), so ids sort by
// creation and can be made before the insert.
func newID() string {
	id, err := uuid.NewV7()
	if err != nil {
		return uuid.NewString()
	}
	return id.String()
}

// randomSecret returns n random bytes; crypto/rand never fails on
// supported platforms.
func randomSecret(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return b
}

// actor returns the acting user or an EUNAUTHORIZED error.
func actor(ctx context.Context) (*User, error) {
	u := UserFromContext(ctx)
	if u == nil {
		return nil, Errorf(EUNAUTHORIZED, "You must sign in.")
	}
	return u, nil
}

// require returns the acting user if the matrix allows a without a job
// seat, otherwise an error.
func require(ctx context.Context, a Action) (*User, error) {
	u, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if !Allowed(u.Role, TeamNone, a) {
		return nil, forbidden(a)
	}
	return u, nil
}

// requireOnJob checks a against the user's seat on the job and returns the
// seat.
func requireOnJob(tx Tx, u *User, jobID string, a Action) (TeamRole, error) {
	seat, err := tx.FindTeamRole(jobID, u.ID)
	if err != nil {
		return TeamNone, err
	}
	if !Allowed(u.Role, seat, a) {
		return seat, forbidden(a)
	}
	return seat, nil
}

// humanNumber reports whether ref looks like a human number with the given
// prefix ("J-1001"), so path ids accept both forms.
func humanNumber(ref, prefix string) (string, bool) {
	rest, ok := strings.CutPrefix(strings.ToUpper(strings.TrimSpace(ref)), prefix)
	if !ok || rest == "" || len(rest) > 18 {
		return "", false
	}
	for _, r := range rest {
		if r < '0' || r > '9' {
			return "", false
		}
	}
	return prefix + rest, true
}

// validID rejects path ids that cannot be ours before touching storage.
func validID(id string) bool {
	_, err := uuid.Parse(id)
	return err == nil
}

// viewJob runs fn in a read transaction with a job on which the acting user
// may perform a.
func (s *Service) viewJob(ctx context.Context, ref string, a Action, fn func(Tx, *Job) error) error {
	u, err := actor(ctx)
	if err != nil {
		return err
	}
	return s.store.View(ctx, func(tx Tx) error {
		j, _, err := jobFor(tx, u, ref, a)
		if err != nil {
			return err
		}
		return fn(tx, j)
	})
}

// viewApplication runs fn in a read transaction with an application on
// whose job the acting user may perform a.
func (s *Service) viewApplication(ctx context.Context, id string, a Action, fn func(Tx, *User, *Application) error) error {
	u, err := actor(ctx)
	if err != nil {
		return err
	}
	return s.store.View(ctx, func(tx Tx) error {
		app, _, err := applicationFor(tx, u, id, a)
		if err != nil {
			return err
		}
		return fn(tx, u, app)
	})
}

// viewCandidateTx runs fn in a read transaction with a candidate the acting
// user may view.
func (s *Service) viewCandidateTx(ctx context.Context, ref string, fn func(Tx, *User, *Candidate) error) error {
	u, err := actor(ctx)
	if err != nil {
		return err
	}
	return s.store.View(ctx, func(tx Tx) error {
		c, err := viewCandidate(tx, u, ref)
		if err != nil {
			return err
		}
		return fn(tx, u, c)
	})
}

// nextNumber draws the next value of a counter in a transaction of its
// own. Drawing it inside the transaction that creates the record would
// make every concurrent creation on PostgreSQL (SERIALIZABLE) collide on
// the counter row and retry until one gives up; the price is a gap in the
// numbers when the creation then fails, as with a database sequence.
func (s *Service) nextNumber(ctx context.Context, counter string) (int64, error) {
	return s.store.NextNumber(ctx, counter)
}
