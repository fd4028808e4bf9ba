package storetest

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"attractor/internal/ats"
)

func testUser(t *testing.T, open OpenFunc) {
	t.Run("CreateFindRoundTrip", func(t *testing.T) {
		e := setup(t, open)
		u := &ats.User{Email: "Ann.Lee@Example.com", Name: "Zoë O'Brien-Łukasz", Role: ats.RoleAdmin,
			PasswordHash: "$argon2id$v=19$m=65536", PersonURN: "urn:li:person:abc", CreatedAt: at(0), UpdatedAt: at(5)}
		e.update(t, func(tx ats.Tx) error { return tx.CreateUser(u) })
		if u.ID == "" || !u.CreatedAt.Equal(utc(at(0))) || u.CreatedAt.Location() != time.UTC {
			t.Fatalf("create did not fill id and normalise times: %+v", u)
		}
		e.view(t, func(tx ats.Tx) error {
			got, err := tx.FindUserByID(u.ID)
			check(t, err)
			diff(t, "by id", got, u)
			got, err = tx.FindUserByEmail("ann.lee@EXAMPLE.COM")
			check(t, err)
			diff(t, "by email", got, u)
			return nil
		})
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		e := setup(t, open)
		e.view(t, func(tx ats.Tx) error {
			_, err := tx.FindUserByID("missing")
			wantCode(t, err, ats.ENOTFOUND)
			_, err = tx.FindUserByEmail("nobody@example.com")
			wantCode(t, err, ats.ENOTFOUND)
			return nil
		})
		err := e.updateErr(func(tx ats.Tx) error { return tx.UpdateUser(&ats.User{ID: "missing", Email: "x@example.com"}) })
		wantCode(t, err, ats.ENOTFOUND)
	})
	t.Run("ErrDuplicateEmailAnyCase", func(t *testing.T) {
		e := setup(t, open)
		mustCreateUser(t, e, "ann@example.com", "Ann")
		err := e.updateErr(func(tx ats.Tx) error {
			return tx.CreateUser(&ats.User{Email: "ANN@Example.COM", Name: "Other", Role: ats.RoleReadOnly})
		})
		wantCode(t, err, ats.ECONFLICT)
		if msg := ats.ErrorMessage(err); !strings.Contains(msg, "ANN@Example.COM") {
			t.Errorf("message %q does not name the email", msg)
		}
	})
	t.Run("UpdateOK", func(t *testing.T) {
		e := setup(t, open)
		u := mustCreateUser(t, e, "ann@example.com", "Ann")
		u.Name, u.Role, u.Disabled, u.Email, u.UpdatedAt = "Ann Lee", ats.RoleHiringManager, true, "Ann@Example.com", at(9)
		e.update(t, func(tx ats.Tx) error { return tx.UpdateUser(u) })
		e.view(t, func(tx ats.Tx) error {
			got, err := tx.FindUserByID(u.ID)
			check(t, err)
			diff(t, "user", got, u)
			return nil
		})
	})
	t.Run("ErrUpdateTakesOthersEmail", func(t *testing.T) {
		e := setup(t, open)
		mustCreateUser(t, e, "ann@example.com", "Ann")
		bob := mustCreateUser(t, e, "bob@example.com", "Bob")
		bob.Email = "Ann@example.com"
		wantCode(t, e.updateErr(func(tx ats.Tx) error { return tx.UpdateUser(bob) }), ats.ECONFLICT)
	})
	t.Run("FindUsersByNameWithPaging", func(t *testing.T) {
		e := setup(t, open)
		for _, n := range []string{"carol", "Bob", "alice", "Émile", "dave"} {
			mustCreateUser(t, e, n+"@example.com", n)
		}
		e.view(t, func(tx ats.Tx) error {
			got, total, err := tx.FindUsers(ats.UserFilter{Page: ats.Page{Limit: 2, Offset: 2}})
			check(t, err)
			diff(t, "names", userNames(got), []string{"carol", "dave"})
			n, err := tx.CountUsers()
			check(t, err)
			diff(t, "totals", []int{total, n}, []int{5, 5})
			return nil
		})
	})
	t.Run("FindUsersByQuery", func(t *testing.T) {
		e := setup(t, open)
		for _, n := range []string{"carol", "Bob", "alice", "Émile Zola", "dave_x", "davexy"} {
			mustCreateUser(t, e, strings.ReplaceAll(strings.ToLower(n), " ", ".")+"@example.com", n)
		}
		mustCreateUser(t, e, "boss@corp.example", "Zed")
		cases := []struct {
			name  string
			q     string
			want  []string
			total int
		}{
			{"NamePrefixFolded", "EMILE", []string{"Émile Zola"}, 1},
			{"NameContains", "zol", []string{"Émile Zola"}, 1},
			{"Email", "corp.example", []string{"Zed"}, 1},
			{"UnderscoreIsLiteral", "e_x", []string{"dave_x"}, 1},
			{"NameOrEmail", "bo", []string{"Bob", "Zed"}, 2},
			{"NoMatch", "nobody", []string{}, 0},
		}
		e.view(t, func(tx ats.Tx) error {
			for _, c := range cases {
				got, total, err := tx.FindUsers(ats.UserFilter{Query: c.q, Page: ats.Page{Limit: 10}})
				check(t, err)
				diff(t, c.name+" names", userNames(got), c.want)
				diff(t, c.name+" total", total, c.total)
			}
			return nil
		})
	})
	t.Run("TokenLifecycle", func(t *testing.T) { testToken(t, open) })
}

func testToken(t *testing.T, open OpenFunc) {
	e := setup(t, open)
	u := mustCreateUser(t, e, "ann@example.com", "Ann")
	exp := at(60 * 24)
	tok := &ats.Token{UserID: u.ID, Name: "CI", Hash: []byte{0, 1, 2, 0xff}, CreatedAt: at(1), ExpiresAt: &exp}
	e.update(t, func(tx ats.Tx) error { return tx.CreateToken(tok) })
	used := at(7)
	e.update(t, func(tx ats.Tx) error { return tx.TouchToken(tok.ID, used) })
	want := *tok
	lastUsed := utc(used)
	want.LastUsedAt = &lastUsed
	e.view(t, func(tx ats.Tx) error {
		got, err := tx.FindTokenByHash([]byte{0, 1, 2, 0xff})
		check(t, err)
		diff(t, "token", got, &want)
		_, err = tx.FindTokenByHash([]byte("nope"))
		wantCode(t, err, ats.ENOTFOUND)
		return nil
	})
	dup := &ats.Token{UserID: u.ID, Name: "again", Hash: bytes.Clone(tok.Hash)}
	wantCode(t, e.updateErr(func(tx ats.Tx) error { return tx.CreateToken(dup) }), ats.ECONFLICT)
	wantCode(t, e.updateErr(func(tx ats.Tx) error { return tx.TouchToken("missing", used) }), ats.ENOTFOUND)
	testTokenList(t, e, u, &want)
}

// testTokenList lists a user's tokens newest first and deletes one.
func testTokenList(t *testing.T, e *env, u *ats.User, first *ats.Token) {
	second := &ats.Token{UserID: u.ID, Name: "laptop", Hash: []byte("second"), CreatedAt: at(2)}
	e.update(t, func(tx ats.Tx) error { return tx.CreateToken(second) })
	e.view(t, func(tx ats.Tx) error {
		got, err := tx.FindTokens(u.ID)
		check(t, err)
		diff(t, "tokens", got, []*ats.Token{second, first})
		return nil
	})
	e.update(t, func(tx ats.Tx) error { return tx.DeleteToken(second.ID) })
	wantCode(t, e.updateErr(func(tx ats.Tx) error { return tx.DeleteToken(second.ID) }), ats.ENOTFOUND)
	e.view(t, func(tx ats.Tx) error {
		_, err := tx.FindTokenByHash([]byte("second"))
		wantCode(t, err, ats.ENOTFOUND)
		return nil
	})
}

func userNames(us []*ats.User) []string {
	out := []string{}
	for _, u := range us {
		out = append(out, u.Name)
	}
	return out
}
