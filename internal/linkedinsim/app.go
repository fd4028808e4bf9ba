package linkedinsim

import "time"

// AppKind tells a partner's parent app, which may only provision, from a
// customer's child app, which may call everything else (rsc-api.md §1.1).
type AppKind string

// The two kinds of developer application.
const (
	ParentApp AppKind = "parent"
	ChildApp  AppKind = "child"
)

// App is a developer application. Only the SHA-256 of its secret is kept
// for authentication; child secrets can be re-derived (Service.childSecret)
// so the credentials finder can return them, as LinkedIn's does.
type App struct {
	ID                 int64
	ClientID           string
	SecretHash         []byte
	Kind               AppKind
	ParentID           int64  // 0 for parent apps
	UniqueForeignID    string // the partner's id of the customer instance; "" for parents
	Name               string
	Description        string
	ValidJSSDKDomains  []string // origins allowed to embed the widgets
	OAuth2CallbackURLs []string // redirect URIs of the 3-legged flow
	CreatedAt          time.Time
	UpdatedAt          time.Time
}

// URN returns the app's urn:li:developerApplication key.
func (a *App) URN() string { return AppURN(a.ID) }

// AppUpdate is a partial update: nil fields are left alone.
type AppUpdate struct {
	Name               *string
	Description        *string
	ValidJSSDKDomains  *[]string
	OAuth2CallbackURLs *[]string
	UpdatedAt          time.Time
}

// Apply changes app as upd says. Stores call it inside their transaction.
func (upd AppUpdate) Apply(app *App) {
	if upd.Name != nil {
		app.Name = *upd.Name
	}
	if upd.Description != nil {
		app.Description = *upd.Description
	}
	if upd.ValidJSSDKDomains != nil {
		app.ValidJSSDKDomains = *upd.ValidJSSDKDomains
	}
	if upd.OAuth2CallbackURLs != nil {
		app.OAuth2CallbackURLs = *upd.OAuth2CallbackURLs
	}
	app.UpdatedAt = upd.UpdatedAt
}

// AccessToken is an issued client-credentials token, known by the SHA-256
// of its opaque value.
type AccessToken struct {
	Hash      []byte
	AppID     int64
	ExpiresAt time.Time
	CreatedAt time.Time
}
