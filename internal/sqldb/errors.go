package sqldb

import (
	"context"
	"errors"
	"math/rand/v2"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
)

// Extended SQLite result codes and PostgreSQL SQLSTATEs for the constraint
// violations callers turn into domain errors (duplicate email, missing parent).
const (
	sqliteConstraintPrimaryKey = 1555
	sqliteConstraintUnique     = 2067
	sqliteConstraintForeignKey = 787
	pgUniqueViolation          = "23505"
	pgForeignKeyViolation      = "23503"
	pgSerializationFailure     = "40001"
	pgDeadlockDetected         = "40P01"
)

// IsRetryable reports whether err, or any error it wraps, means the
// transaction lost a race with a concurrent one (a serialization failure or
// a deadlock) and may simply be run again.
func IsRetryable(err error) bool {
	return hasPgCode(err, pgSerializationFailure) || hasPgCode(err, pgDeadlockDetected)
}

// IsUniqueViolation reports whether err, or any error it wraps, is a unique or
// primary-key violation on either engine, so stores can return "already
// exists" without knowing which engine they run on.
func IsUniqueViolation(err error) bool {
	return hasSQLiteCode(err, sqliteConstraintPrimaryKey, sqliteConstraintUnique) ||
		hasPgCode(err, pgUniqueViolation)
}

// IsForeignKeyViolation reports whether err, or any error it wraps, is a
// foreign-key violation on either engine, so stores can report a missing or
// still-referenced row as a domain error.
func IsForeignKeyViolation(err error) bool {
	return hasSQLiteCode(err, sqliteConstraintForeignKey) ||
		hasPgCode(err, pgForeignKeyViolation)
}

// hasSQLiteCode reports whether err wraps a SQLite error with one of codes.
func hasSQLiteCode(err error, codes ...int) bool {
	var e *sqlite.Error
	if !errors.As(err, &e) {
		return false
	}
	for _, c := range codes {
		if e.Code() == c {
			return true
		}
	}
	return false
}

// hasPgCode reports whether err wraps a PostgreSQL error with SQLSTATE code.
func hasPgCode(err error, code string) bool {
	var e *pgconn.PgError
	return errors.As(err, &e) && e.Code == code
}

// RetryWait pauses before attempt+1 of a transaction that lost a
// serialization race: a random wait of up to 2^attempt ms (capped at
// 100 ms), so writers contending for one row (a counter) stop colliding
// in lockstep. It returns ctx's error if ctx ends first.
func RetryWait(ctx context.Context, attempt int) error {
	d := time.Duration(rand.Int64N(int64(min(time.Millisecond<<attempt, 100*time.Millisecond)) + 1))
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
