package rsc

import (
	"context"
	"errors"
	"net/http"
)

// ErrNotFound is returned (wrapped in an *Error of Kind Permanent) when a
// finder or get has no such entity.
var ErrNotFound = errors.New("rsc: not found")

// AppInput creates a child application (rsc-api.md §3.2). Name is at most
// 50 characters, "{ATS Name} - {Customer Name}", without "LinkedIn".
// ValidJSSDKDomains are origins allowed to host the widgets.
type AppInput struct {
	UniqueForeignID    string   `json:"uniqueForeignId"`
	Name               string   `json:"name"`
	Description        string   `json:"description"`
	ValidJSSDKDomains  []string `json:"validJsSdkDomains,omitempty"`
	OAuth2CallbackURLs []string `json:"oauth2AuthorizedCallbackUrls,omitempty"`
}

// App is a provisioned child application. Key is its
// urn:li:developerApplication URN; Credentials are what a child Client
// needs (rsc-api.md §3.2, credential names [INF]).
type App struct {
	Key                string   `json:"key"`
	UniqueForeignID    string   `json:"uniqueForeignId"`
	Name               string   `json:"name"`
	Description        string   `json:"description"`
	ValidJSSDKDomains  []string `json:"validJsSdkDomains"`
	OAuth2CallbackURLs []string `json:"oauth2AuthorizedCallbackUrls"`
	Credentials        struct {
		ClientID     string `json:"client_id"`
		ClientSecret string `json:"client_secret"`
	} `json:"credentials"`
}

const provisionedAppsPath = "/v2/provisionedApplications"

// CreateApp provisions a child application. Call it on the parent app's
// Client. A reused UniqueForeignID is a 409 (Permanent); use FindApp first
// to make onboarding idempotent (rsc-api.md §6.1 step 1).
func (cl *Client) CreateApp(ctx context.Context, in AppInput) (*App, error) {
	var app App
	err := cl.do(ctx, call{method: http.MethodPost, path: provisionedAppsPath, body: in, records: 1}, &app)
	if err != nil {
		return nil, err
	}
	return &app, nil
}

// FindApp returns the child application provisioned for foreignID through
// the credentialsByUniqueForeignId finder, or an error wrapping
// ErrNotFound. Call it on the parent app's Client.
func (cl *Client) FindApp(ctx context.Context, foreignID string) (*App, error) {
	q := query{}.add("q", "credentialsByUniqueForeignId").add("uniqueForeignId", foreignID)
	var p page[App]
	if err := cl.do(ctx, call{method: http.MethodGet, path: provisionedAppsPath + q.String(), records: 1}, &p); err != nil {
		return nil, err
	}
	if len(p.Elements) == 0 {
		return nil, &Error{Status: http.StatusNotFound, Kind: Permanent,
			Message: "no application provisioned for " + foreignID, err: ErrNotFound}
	}
	return &p.Elements[0], nil
}

// SetAppDomains replaces the child app's validJsSdkDomains with a Rest.li
// partial update, e.g. when the instance's public origin changes
// (rsc-api.md §3.2). Call it on the parent app's Client.
func (cl *Client) SetAppDomains(ctx context.Context, appURN string, domains []string) error {
	return cl.do(ctx, call{method: http.MethodPost, path: provisionedAppsPath + "/" + escape(appURN),
		restliMethod: "partial_update", body: patchSet(map[string]any{"validJsSdkDomains": domains}),
		records: 1}, nil)
}
