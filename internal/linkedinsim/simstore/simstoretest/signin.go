package simstoretest

import (
	"bytes"
	"crypto/sha256"
	"sync"
	"testing"
	"time"

	"attractor/internal/linkedinsim"
)

func hashOf(s string) []byte {
	h := sha256.Sum256([]byte(s))
	return h[:]
}

// adminHolder returns the seat holder of seat 90001, the admin who holds
// admin seats on both contracts of organization 1001.
func adminHolder(t *testing.T, s linkedinsim.Store) linkedinsim.SeatHolder {
	t.Helper()
	w, err := s.WorldContents(ctx)
	check(t, err)
	for _, h := range w.SeatHolders {
		if h.ID == 90001 {
			return h
		}
	}
	t.Fatal("seat 90001 not in the world")
	return linkedinsim.SeatHolder{}
}

func testSignin(t *testing.T, open OpenFunc) {
	t.Run("Session", func(t *testing.T) {
		s := setup(t, open)
		check(t, linkedinsim.Generate(ctx, s, 1, 100))
		h := adminHolder(t, s)
		old := linkedinsim.MemberSession{Hash: hashOf("old"), MemberID: h.MemberID,
			CreatedAt: baseTime.Add(-48 * time.Hour), ExpiresAt: baseTime.Add(-24 * time.Hour)}
		check(t, s.CreateMemberSession(ctx, old))
		sess := linkedinsim.MemberSession{Hash: hashOf("new"), MemberID: h.MemberID, CreatedAt: baseTime,
			ExpiresAt: baseTime.Add(time.Hour)}
		check(t, s.CreateMemberSession(ctx, sess))
		got, err := s.FindMemberSession(ctx, sess.Hash)
		check(t, err)
		sess.CreatedAt, sess.ExpiresAt = utc(sess.CreatedAt), utc(sess.ExpiresAt)
		diff(t, "session", *got, sess)
		_, err = s.FindMemberSession(ctx, old.Hash)
		wantCode(t, err, linkedinsim.ENOTFOUND) // pruned by the second sign-in
		check(t, s.DeleteMemberSession(ctx, sess.Hash))
		check(t, s.DeleteMemberSession(ctx, sess.Hash)) // deleting twice is fine
		_, err = s.FindMemberSession(ctx, sess.Hash)
		wantCode(t, err, linkedinsim.ENOTFOUND)
		err = s.CreateMemberSession(ctx, linkedinsim.MemberSession{Hash: hashOf("x"), MemberID: 999999,
			CreatedAt: baseTime, ExpiresAt: baseTime})
		wantCode(t, err, linkedinsim.ENOTFOUND) // no such member
	})
	t.Run("MemberSeats", func(t *testing.T) {
		s := setup(t, open)
		check(t, linkedinsim.Generate(ctx, s, 1, 100))
		h := adminHolder(t, s)
		seats, err := s.ListMemberSeats(ctx, h.MemberID)
		check(t, err)
		if len(seats) < 2 || seats[0].ContractID != 5001 || seats[1].ContractID != 5002 {
			t.Fatalf("seats = %+v, want contracts 5001 and 5002 first", seats)
		}
		for _, seat := range seats[:2] {
			if !seat.Admin || !seat.Active || seat.Contract.OrganizationID != 1001 ||
				seat.Contract.Name == "" || seat.OrganizationName == "" || seat.MemberID != h.MemberID {
				t.Errorf("seat = %+v", seat)
			}
		}
		none, err := s.ListMemberSeats(ctx, 999999)
		check(t, err)
		if none == nil || len(none) != 0 {
			t.Errorf("seats of nobody = %#v, want empty", none)
		}
	})
	t.Run("AuthorizationCode", func(t *testing.T) {
		s := setup(t, open)
		check(t, linkedinsim.Generate(ctx, s, 1, 100))
		app := mustCreateChild(t, s, "tenant-1")
		h := adminHolder(t, s)
		code := linkedinsim.AuthorizationCode{Hash: hashOf("code"), AppID: app.ID, MemberID: h.MemberID,
			RedirectURI: "https://ats.example/cb?x=" + hostile, Scope: "r_liteprofile",
			CreatedAt: baseTime, ExpiresAt: baseTime.Add(10 * time.Minute)}
		check(t, s.CreateAuthorizationCode(ctx, code))
		tok := linkedinsim.MemberToken{Hash: hashOf("token"), AppID: app.ID, MemberID: h.MemberID,
			Scope: "r_liteprofile", CodeHash: code.Hash, CreatedAt: baseTime, ExpiresAt: baseTime.Add(time.Hour)}

		got, first, err := s.UseAuthorizationCode(ctx, code.Hash, baseTime.Add(time.Minute))
		check(t, err)
		want := code
		want.CreatedAt, want.ExpiresAt, want.UsedAt = utc(code.CreatedAt), utc(code.ExpiresAt), utc(baseTime.Add(time.Minute))
		diff(t, "code", *got, want)
		if !first {
			t.Error("first use reported as a reuse")
		}
		check(t, s.CreateMemberToken(ctx, tok))
		gotTok, err := s.FindMemberToken(ctx, tok.Hash)
		check(t, err)
		tok.CreatedAt, tok.ExpiresAt = utc(tok.CreatedAt), utc(tok.ExpiresAt)
		diff(t, "token", *gotTok, tok)

		got, first, err = s.UseAuthorizationCode(ctx, code.Hash, baseTime.Add(2*time.Minute))
		check(t, err)
		if first || !got.UsedAt.Equal(want.UsedAt) {
			t.Errorf("reuse: first = %v, used at %v; want false, %v", first, got.UsedAt, want.UsedAt)
		}
		_, err = s.FindMemberToken(ctx, tok.Hash)
		wantCode(t, err, linkedinsim.ENOTFOUND) // revoked by the reuse
		_, _, err = s.UseAuthorizationCode(ctx, hashOf("nope"), baseTime)
		wantCode(t, err, linkedinsim.ENOTFOUND)
	})
	t.Run("CodeSingleUseUnderRace", func(t *testing.T) {
		s := setup(t, open)
		check(t, linkedinsim.Generate(ctx, s, 1, 100))
		app := mustCreateChild(t, s, "tenant-1")
		h := adminHolder(t, s)
		check(t, s.CreateAuthorizationCode(ctx, linkedinsim.AuthorizationCode{Hash: hashOf("race"), AppID: app.ID,
			MemberID: h.MemberID, RedirectURI: "https://ats.example/cb", Scope: "r_liteprofile",
			CreatedAt: baseTime, ExpiresAt: baseTime.Add(time.Minute)}))
		var wg sync.WaitGroup
		var mu sync.Mutex
		firsts := 0
		for range 8 {
			wg.Go(func() {
				_, first, err := s.UseAuthorizationCode(ctx, hashOf("race"), baseTime)
				if err != nil {
					t.Error(err)
				}
				mu.Lock()
				defer mu.Unlock()
				if first {
					firsts++
				}
			})
		}
		wg.Wait()
		if firsts != 1 {
			t.Errorf("%d exchanges won, want exactly 1", firsts)
		}
	})
	t.Run("ResetClears", func(t *testing.T) {
		s := setup(t, open)
		check(t, linkedinsim.Generate(ctx, s, 1, 100))
		h := adminHolder(t, s)
		check(t, s.CreateMemberSession(ctx, linkedinsim.MemberSession{Hash: hashOf("s"), MemberID: h.MemberID,
			CreatedAt: baseTime, ExpiresAt: baseTime.Add(time.Hour)}))
		check(t, linkedinsim.Generate(ctx, s, 1, 100))
		got, err := s.FindMemberSession(ctx, hashOf("s"))
		if err == nil && bytes.Equal(got.Hash, hashOf("s")) {
			t.Error("a session survived regenerating the world")
		}
	})
}
