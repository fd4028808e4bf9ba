package simstore

import (
	"context"
	"database/sql"

	"attractor/internal/linkedinsim"
	"attractor/internal/linkedinsim/simstore/simdb"
	"attractor/internal/sqldb"
)

// CreateApp inserts app, normalising its times in place; ECONFLICT when
// its client id, or its unique foreign id under the same parent, is taken.
func (s *Store) CreateApp(ctx context.Context, app *linkedinsim.App) error {
	return s.update(ctx, func(q *simdb.Queries, _ *sql.Tx) error { return insertApp(ctx, q, app) })
}

func insertApp(ctx context.Context, q *simdb.Queries, a *linkedinsim.App) error {
	a.CreatedAt, a.UpdatedAt = sqldb.UTC(a.CreatedAt), sqldb.UTC(a.UpdatedAt)
	a.ValidJSSDKDomains, a.OAuth2CallbackURLs = emptyIfNil(a.ValidJSSDKDomains), emptyIfNil(a.OAuth2CallbackURLs)
	n, err := q.InsertApp(ctx, simdb.InsertAppParams{ID: a.ID, ClientID: a.ClientID,
		SecretHash: a.SecretHash, Kind: string(a.Kind),
		ParentID:        sql.NullInt64{Int64: a.ParentID, Valid: a.ParentID != 0},
		UniqueForeignID: sql.NullString{String: a.UniqueForeignID, Valid: a.Kind == linkedinsim.ChildApp},
		Name:            a.Name, Description: a.Description,
		ValidJsSdkDomains:  encodeList(a.ValidJSSDKDomains),
		Oauth2CallbackUrls: encodeList(a.OAuth2CallbackURLs),
		CreatedAt:          a.CreatedAt, UpdatedAt: a.UpdatedAt})
	if err != nil {
		return wrap(err, "insert app")
	}
	if n == 0 {
		return linkedinsim.Errorf(linkedinsim.ECONFLICT,
			"An application with this uniqueForeignId (or client id) already exists.")
	}
	return nil
}

// FindAppByID returns one app.
func (s *Store) FindAppByID(ctx context.Context, id int64) (*linkedinsim.App, error) {
	row, err := s.read().GetApp(ctx, id)
	return appFrom(row, lookup(err, "Application", "get app"))
}

// FindAppByClientID returns the app with that client id.
func (s *Store) FindAppByClientID(ctx context.Context, clientID string) (*linkedinsim.App, error) {
	row, err := s.read().GetAppByClientID(ctx, clientID)
	return appFrom(row, lookup(err, "Application", "get app by client id"))
}

// FindChildApp returns parentID's child app with that unique foreign id.
func (s *Store) FindChildApp(ctx context.Context, parentID int64, foreignID string) (*linkedinsim.App, error) {
	row, err := s.read().GetChildAppByForeignID(ctx, simdb.GetChildAppByForeignIDParams{
		ParentID:        sql.NullInt64{Int64: parentID, Valid: true},
		UniqueForeignID: sql.NullString{String: foreignID, Valid: true}})
	return appFrom(row, lookup(err, "Application", "get child app"))
}

// UpdateApp reads the app, applies upd and writes it back in one
// transaction, so concurrent partial updates of different fields both land.
func (s *Store) UpdateApp(ctx context.Context, id int64, upd linkedinsim.AppUpdate) (*linkedinsim.App, error) {
	var app *linkedinsim.App
	err := s.update(ctx, func(q *simdb.Queries, _ *sql.Tx) error {
		var err error
		if app, err = appFrom(q.GetApp(ctx, id)); err != nil {
			return lookup(err, "Application", "get app")
		}
		upd.UpdatedAt = sqldb.UTC(upd.UpdatedAt)
		upd.Apply(app)
		_, err = q.UpdateApp(ctx, simdb.UpdateAppParams{ID: id, Name: app.Name,
			Description: app.Description, ValidJsSdkDomains: encodeList(app.ValidJSSDKDomains),
			Oauth2CallbackUrls: encodeList(app.OAuth2CallbackURLs), UpdatedAt: app.UpdatedAt})
		return wrap(err, "update app")
	})
	if err != nil {
		return nil, err
	}
	return app, nil
}

// appFrom maps a row to the domain type; it passes err through so lookups
// stay one line.
func appFrom(r simdb.App, err error) (*linkedinsim.App, error) {
	if err != nil {
		return nil, err
	}
	domains, err := decodeList(r.ValidJsSdkDomains)
	if err != nil {
		return nil, err
	}
	callbacks, err := decodeList(r.Oauth2CallbackUrls)
	if err != nil {
		return nil, err
	}
	return &linkedinsim.App{ID: r.ID, ClientID: r.ClientID, SecretHash: r.SecretHash,
		Kind: linkedinsim.AppKind(r.Kind), ParentID: r.ParentID.Int64,
		UniqueForeignID: r.UniqueForeignID.String, Name: r.Name, Description: r.Description,
		ValidJSSDKDomains: domains, OAuth2CallbackURLs: callbacks,
		CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC()}, nil
}

// CreateAccessToken stores a token by its hash.
func (s *Store) CreateAccessToken(ctx context.Context, t linkedinsim.AccessToken) error {
	return s.update(ctx, func(q *simdb.Queries, _ *sql.Tx) error {
		return wrap(q.InsertAccessToken(ctx, simdb.InsertAccessTokenParams{Hash: t.Hash, AppID: t.AppID,
			ExpiresAt: sqldb.UTC(t.ExpiresAt), CreatedAt: sqldb.UTC(t.CreatedAt)}), "insert access token")
	})
}

// FindAccessToken looks a token up by the SHA-256 of its value; expired
// tokens are returned too, so the caller can say "expired".
func (s *Store) FindAccessToken(ctx context.Context, hash []byte) (*linkedinsim.AccessToken, error) {
	r, err := s.read().GetAccessToken(ctx, hash)
	if err != nil {
		return nil, lookup(err, "Access token", "get access token")
	}
	return &linkedinsim.AccessToken{Hash: r.Hash, AppID: r.AppID, ExpiresAt: r.ExpiresAt.UTC(),
		CreatedAt: r.CreatedAt.UTC()}, nil
}

// emptyIfNil returns v, or an empty slice for nil, so values written read
// back equal.
func emptyIfNil(v []string) []string {
	if v == nil {
		return []string{}
	}
	return v
}
