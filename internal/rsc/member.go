package rsc

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"

	"golang.org/x/oauth2"
)

// This file holds the 3-legged ("member") side of the API: a recruiter
// signs in to LinkedIn and lets the ATS learn their person URN, which ACL
// assignees and seat mapping need (rsc-api.md §2.1, §3.18). The child
// app's Client builds the authorization URL and exchanges the code; the
// member's token then reads GET /v2/me.

// ScopeLiteProfile is the one member scope RSC needs: it allows
// GET /v2/me?fields=id (rsc-api.md §3.18).
const ScopeLiteProfile = "r_liteprofile"

// authorizePath is LinkedIn's authorization endpoint on the auth host.
const authorizePath = "/oauth/v2/authorization"

// memberOAuth is the authorization-code configuration of the app's
// credentials, on the same auth host as its client-credentials tokens.
func (cl *Client) memberOAuth(redirectURI string) *oauth2.Config {
	c := cl.tokens.cfg
	authHost := strings.TrimSuffix(c.TokenURL, tokenPath)
	return &oauth2.Config{ClientID: c.ClientID, ClientSecret: c.ClientSecret, RedirectURL: redirectURI,
		Scopes:   []string{ScopeLiteProfile},
		Endpoint: oauth2.Endpoint{AuthURL: authHost + authorizePath, TokenURL: c.TokenURL, AuthStyle: oauth2.AuthStyleInParams}}
}

// AuthorizationURL is where to send a member's browser to sign in and
// approve the app: response_type=code with the app's client id,
// redirectURI (which must be one of the app's oauth2AuthorizedCallbackUrls)
// and state, which comes back unchanged with the code.
func (cl *Client) AuthorizationURL(redirectURI, state string) string {
	return cl.memberOAuth(redirectURI).AuthCodeURL(state)
}

// ExchangeCode trades an authorization code for a member access token
// (grant_type=authorization_code, the app's credentials in the form body).
// redirectURI must be the one the code was issued for. An unusable code
// is a Permanent *Error (invalid_grant); bad app credentials NeedsReauth.
func (cl *Client) ExchangeCode(ctx context.Context, code, redirectURI string) (string, error) {
	tok, err := cl.memberOAuth(redirectURI).Exchange(context.WithValue(ctx, oauth2.HTTPClient, cl.hc), code)
	if err != nil {
		return "", tokenError(err)
	}
	return tok.AccessToken, nil
}

// Me returns the person URN (urn:li:person:…) of the member whose access
// token memberToken is, from GET /v2/me?fields=id (rsc-api.md §3.18). The
// call uses the member's token, not the app's.
func (cl *Client) Me(ctx context.Context, memberToken string) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, cl.api+"/v2/me?fields=id", nil)
	if err != nil {
		return "", &Error{Kind: Permanent, Message: err.Error(), err: err}
	}
	req.Header.Set("Authorization", "Bearer "+memberToken)
	req.Header.Set("Accept", "application/json")
	resp, err := cl.hc.Do(req)
	if err != nil {
		return "", transportError(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse))
	if err != nil {
		return "", transportError(err)
	}
	if resp.StatusCode/100 != 2 {
		return "", responseError(resp, data)
	}
	var me struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(data, &me); err != nil || me.ID == "" || strings.Contains(me.ID, ":") {
		return "", &Error{Status: resp.StatusCode, Kind: Retryable, Message: "GET /v2/me answered without a member id"}
	}
	return PersonURN(me.ID), nil
}

// SetAppCallbackURLs replaces the child app's oauth2AuthorizedCallbackUrls
// with a Rest.li partial update, so the 3-legged flow may redirect there
// (rsc-api.md §3.2, Postman "Update OAuth2 Callback URL"). Call it on the
// parent app's Client.
func (cl *Client) SetAppCallbackURLs(ctx context.Context, appURN string, urls []string) error {
	return cl.do(ctx, call{method: http.MethodPost, path: provisionedAppsPath + "/" + escape(appURN),
		restliMethod: "partial_update", body: patchSet(map[string]any{"oauth2AuthorizedCallbackUrls": urls}),
		records: 1}, nil)
}
