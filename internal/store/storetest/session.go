package storetest

import (
	"context"
	"testing"
	"time"
)

func testSession(t *testing.T, open OpenFunc) {
	t.Run("CommitFindExpireDelete", func(t *testing.T) {
		e := setup(t, open)
		ctx := context.Background()
		s := e.sessions
		data := []byte("\x00gob\xffdata")
		check(t, s.CommitCtx(ctx, "live", data, at(60)))
		check(t, s.CommitCtx(ctx, "stale", []byte("old"), at(-1)))
		check(t, s.CommitCtx(ctx, "edge", []byte("edge"), baseTime)) // expires exactly now
		got, found, err := s.FindCtx(ctx, "live")
		check(t, err)
		diff(t, "live", got, data)
		diff(t, "live found", found, true)
		for _, tok := range []string{"stale", "edge", "unknown"} {
			_, found, err := s.FindCtx(ctx, tok)
			check(t, err)
			diff(t, tok+" found", found, false)
		}
		check(t, s.Commit("live", []byte("new"), at(120))) // overwrite, context-free form
		got, _, err = s.Find("live")
		check(t, err)
		diff(t, "overwritten", got, []byte("new"))
		n, err := s.DeleteExpiredSessions(ctx)
		check(t, err)
		diff(t, "expired removed", n, 2)
		e.clock.Set(at(121))
		_, found, err = s.FindCtx(ctx, "live")
		check(t, err)
		diff(t, "found after expiry", found, false)
		check(t, s.Delete("live"))
		check(t, s.DeleteCtx(ctx, "unknown"))
		e.clock.Set(baseTime)
		_, found, err = s.FindCtx(ctx, "live")
		check(t, err)
		diff(t, "found after delete", found, false)
	})
	t.Run("ExpiryStoredInUTC", func(t *testing.T) {
		e := setup(t, open)
		ctx := context.Background()
		zone := time.FixedZone("far east", 14*3600)
		check(t, e.sessions.CommitCtx(ctx, "tok", []byte("x"), baseTime.In(zone).Add(time.Minute)))
		_, found, err := e.sessions.FindCtx(ctx, "tok")
		check(t, err)
		diff(t, "found", found, true)
	})
}
