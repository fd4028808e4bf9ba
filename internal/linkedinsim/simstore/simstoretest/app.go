package simstoretest

import (
	"bytes"
	"crypto/sha256"
	"testing"
	"time"

	"attractor/internal/linkedinsim"
)

// hostile is text that must survive storage byte for byte.
var hostile = "Zoë O'Brien-Łukasz <script>'; DROP TABLE apps; -- 山田 👩🏽\u200d💻"

// mustCreateChild creates a child app of the world's partner.
func mustCreateChild(t *testing.T, s linkedinsim.Store, foreignID string) *linkedinsim.App {
	t.Helper()
	st, err := s.Settings(ctx)
	check(t, err)
	id, err := s.NextID(ctx, linkedinsim.CounterApp)
	check(t, err)
	hash := sha256.Sum256([]byte("secret-" + foreignID))
	app := &linkedinsim.App{ID: id, ClientID: "client-" + foreignID, SecretHash: hash[:],
		Kind: linkedinsim.ChildApp, ParentID: st.PartnerID, UniqueForeignID: foreignID,
		Name: "Attractor - " + foreignID, Description: hostile,
		ValidJSSDKDomains: []string{"https://ats.example"}, CreatedAt: baseTime, UpdatedAt: baseTime}
	check(t, s.CreateApp(ctx, app))
	return app
}

func testApp(t *testing.T, open OpenFunc) {
	t.Run("CreateFind", func(t *testing.T) {
		s := setup(t, open)
		check(t, linkedinsim.Generate(ctx, s, 1, 50))
		app := mustCreateChild(t, s, "tenant-1")
		if app.CreatedAt != utc(baseTime) || app.OAuth2CallbackURLs == nil {
			t.Errorf("create did not normalise: %+v", app)
		}
		got, err := s.FindAppByID(ctx, app.ID)
		check(t, err)
		diff(t, "by id", *got, *app)
		got, err = s.FindAppByClientID(ctx, app.ClientID)
		check(t, err)
		diff(t, "by client id", *got, *app)
		got, err = s.FindChildApp(ctx, app.ParentID, "tenant-1")
		check(t, err)
		diff(t, "by foreign id", *got, *app)
		partner, err := s.FindAppByClientID(ctx, linkedinsim.DefaultPartnerClientID)
		check(t, err)
		want := sha256.Sum256([]byte(linkedinsim.DefaultPartnerClientSecret))
		if partner.Kind != linkedinsim.ParentApp || partner.ParentID != 0 || !bytes.Equal(partner.SecretHash, want[:]) {
			t.Errorf("partner = %+v", partner)
		}
	})
	t.Run("ErrDuplicateForeignID", func(t *testing.T) {
		s := setup(t, open)
		check(t, linkedinsim.Generate(ctx, s, 1, 50))
		app := mustCreateChild(t, s, "tenant-1")
		dup := *app
		dup.ID, dup.ClientID = app.ID+100, "other-client"
		wantCode(t, s.CreateApp(ctx, &dup), linkedinsim.ECONFLICT)
		dup.UniqueForeignID = "tenant-2"
		check(t, s.CreateApp(ctx, &dup))
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		s := setup(t, open)
		_, err := s.FindAppByID(ctx, 42)
		wantCode(t, err, linkedinsim.ENOTFOUND)
		_, err = s.FindAppByClientID(ctx, "nobody")
		wantCode(t, err, linkedinsim.ENOTFOUND)
		_, err = s.FindChildApp(ctx, 1, "nobody")
		wantCode(t, err, linkedinsim.ENOTFOUND)
		_, err = s.UpdateApp(ctx, 42, linkedinsim.AppUpdate{})
		wantCode(t, err, linkedinsim.ENOTFOUND)
	})
	t.Run("Update", func(t *testing.T) {
		s := setup(t, open)
		check(t, linkedinsim.Generate(ctx, s, 1, 50))
		app := mustCreateChild(t, s, "tenant-1")
		domains := []string{"https://a.example", "http://localhost:5000"}
		later := baseTime.Add(time.Hour)
		got, err := s.UpdateApp(ctx, app.ID, linkedinsim.AppUpdate{ValidJSSDKDomains: &domains, UpdatedAt: later})
		check(t, err)
		want := *app
		want.ValidJSSDKDomains, want.UpdatedAt = domains, utc(later)
		diff(t, "returned", *got, want)
		read, err := s.FindAppByID(ctx, app.ID)
		check(t, err)
		diff(t, "read back", *read, want)
	})
}

func testAccessToken(t *testing.T, open OpenFunc) {
	s := setup(t, open)
	check(t, linkedinsim.Generate(ctx, s, 1, 50))
	hash := sha256.Sum256([]byte("token"))
	tok := linkedinsim.AccessToken{Hash: hash[:], AppID: 1, ExpiresAt: baseTime.Add(30 * time.Minute),
		CreatedAt: baseTime}
	check(t, s.CreateAccessToken(ctx, tok))
	got, err := s.FindAccessToken(ctx, hash[:])
	check(t, err)
	tok.ExpiresAt, tok.CreatedAt = utc(tok.ExpiresAt), utc(tok.CreatedAt)
	diff(t, "token", *got, tok)
	other := sha256.Sum256([]byte("other"))
	_, err = s.FindAccessToken(ctx, other[:])
	wantCode(t, err, linkedinsim.ENOTFOUND)
	bad := linkedinsim.AccessToken{Hash: other[:], AppID: 999, ExpiresAt: baseTime, CreatedAt: baseTime}
	wantCode(t, s.CreateAccessToken(ctx, bad), linkedinsim.ENOTFOUND)
}
