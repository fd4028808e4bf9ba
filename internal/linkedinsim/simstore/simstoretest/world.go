package simstoretest

import (
	"testing"

	"attractor/internal/linkedinsim"
)

func testWorld(t *testing.T, open OpenFunc) {
	t.Run("Empty", func(t *testing.T) {
		s := setup(t, open)
		_, err := s.Settings(ctx)
		wantCode(t, err, linkedinsim.ENOTFOUND)
		n, err := s.CountMembers(ctx)
		check(t, err)
		if n != 0 {
			t.Errorf("members = %d, want 0", n)
		}
	})
	t.Run("GenerateRoundTrip", func(t *testing.T) {
		s := setup(t, open)
		check(t, linkedinsim.Generate(ctx, s, 7, 120))
		st, err := s.Settings(ctx)
		check(t, err)
		if st.Seed != 7 || st.Members != 120 || st.ControlToken == "" || len(st.SecretKey) != 32 {
			t.Errorf("settings = %+v", st)
		}
		for _, id := range []int64{1, 60, 120} {
			got, err := s.FindMemberByID(ctx, id)
			check(t, err)
			want := linkedinsim.GenerateMember(7, id)
			want.CreatedAt = utc(want.CreatedAt)
			diff(t, "member", *got, want)
		}
		_, err = s.FindMemberByID(ctx, 121)
		wantCode(t, err, linkedinsim.ENOTFOUND)
	})
	t.Run("Contents", func(t *testing.T) {
		s := setup(t, open)
		check(t, linkedinsim.Generate(ctx, s, 1, 100))
		w, err := s.WorldContents(ctx)
		check(t, err)
		if len(w.Organizations) != 3 || len(w.Contracts) != 4 || len(w.SeatHolders) != 24 {
			t.Fatalf("orgs %d, contracts %d, seats %d; want 3, 4, 24",
				len(w.Organizations), len(w.Contracts), len(w.SeatHolders))
		}
		h := w.SeatHolders[0]
		m, err := s.FindMemberByID(ctx, h.MemberID)
		check(t, err)
		if h.Member.PersonURN != m.PersonURN || h.Member.Email != m.Email || h.Member.FirstName != m.FirstName {
			t.Errorf("seat holder member %+v, want %+v", h.Member, m)
		}
	})
	t.Run("Regenerate", func(t *testing.T) {
		s := setup(t, open)
		check(t, linkedinsim.Generate(ctx, s, 1, 150))
		mustCreateChild(t, s, "tenant-1")
		check(t, linkedinsim.Generate(ctx, s, 2, 60))
		n, err := s.CountMembers(ctx)
		check(t, err)
		if n != 60 {
			t.Errorf("members after regenerate = %d, want 60", n)
		}
		st, err := s.Settings(ctx)
		check(t, err)
		if st.Seed != 2 {
			t.Errorf("seed = %d, want 2", st.Seed)
		}
		_, err = s.FindChildApp(ctx, st.PartnerID, "tenant-1")
		wantCode(t, err, linkedinsim.ENOTFOUND)
	})
	t.Run("NextID", func(t *testing.T) {
		s := setup(t, open)
		check(t, linkedinsim.Generate(ctx, s, 1, 50))
		a, err := s.NextID(ctx, linkedinsim.CounterApp)
		check(t, err)
		b, err := s.NextID(ctx, linkedinsim.CounterApp)
		check(t, err)
		if a != 2 || b != 3 {
			t.Errorf("ids %d, %d; want 2, 3", a, b)
		}
		_, err = s.NextID(ctx, "nope")
		wantCode(t, err, linkedinsim.ENOTFOUND)
	})
}
