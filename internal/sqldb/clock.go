package sqldb

import "time"

// NowFunc supplies the current time. Stores take one instead of calling
// time.Now or SQL's now(), so tests can fix the clock and both engines see
// the same value.
type NowFunc func() time.Time

// UTCNow is the production NowFunc: the current time already normalised by
// UTC, so it round-trips exactly on both engines.
func UTCNow() time.Time { return UTC(time.Now()) }

// UTC normalises t before it is written: TIMESTAMP columns drop the zone on
// PostgreSQL (10:30+02:00 would come back as 10:30Z) and PostgreSQL keeps only
// microseconds, so converting to UTC and truncating makes a value read back
// equal to the one written, on either engine.
func UTC(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }
