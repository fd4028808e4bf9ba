package linkedinsim

import (
	"context"
	"crypto/sha256"
	"net/url"
	"strings"
)

// ProvisionInput is a child app as the partner asks for it
// (rsc-api.md §3.2).
type ProvisionInput struct {
	UniqueForeignID    string
	Name               string
	Description        string
	ValidJSSDKDomains  []string
	OAuth2CallbackURLs []string
}

// maxAppName is LinkedIn's limit on a child app's name.
const maxAppName = 50

// ProvisionApp creates a child app of parent. Only parent apps may
// provision (EFORBIDDEN otherwise); a unique foreign id already used under
// this parent is ECONFLICT; invalid fields are EUNPROCESSABLE.
func (s *Service) ProvisionApp(ctx context.Context, parent *App, in ProvisionInput) (*App, Credentials, error) {
	if err := requireParent(parent); err != nil {
		return nil, Credentials{}, err
	}
	if err := in.validate(); err != nil {
		return nil, Credentials{}, err
	}
	if _, err := s.store.FindChildApp(ctx, parent.ID, in.UniqueForeignID); err == nil {
		return nil, Credentials{}, Errorf(ECONFLICT, "An application with uniqueForeignId %q already exists.", in.UniqueForeignID)
	} else if ErrorCode(err) != ENOTFOUND {
		return nil, Credentials{}, err
	}
	app, err := s.newChild(ctx, parent, in)
	if err != nil {
		return nil, Credentials{}, err
	}
	creds, err := s.credentials(ctx, app)
	return app, creds, err
}

// newChild stores a child app with a fresh id and client id.
func (s *Service) newChild(ctx context.Context, parent *App, in ProvisionInput) (*App, error) {
	st, err := s.store.Settings(ctx)
	if err != nil {
		return nil, err
	}
	id, err := s.store.NextID(ctx, CounterApp)
	if err != nil {
		return nil, err
	}
	clientID := randomClientID()
	hash := sha256.Sum256([]byte(childSecret(st.SecretKey, clientID)))
	now := s.now()
	app := &App{ID: id, ClientID: clientID, SecretHash: hash[:], Kind: ChildApp, ParentID: parent.ID,
		UniqueForeignID: in.UniqueForeignID, Name: in.Name, Description: in.Description,
		ValidJSSDKDomains: in.ValidJSSDKDomains, OAuth2CallbackURLs: in.OAuth2CallbackURLs,
		CreatedAt: now, UpdatedAt: now}
	return app, s.store.CreateApp(ctx, app)
}

// FindProvisionedApp returns parent's child app with that unique foreign
// id, with its credentials; ENOTFOUND when there is none.
func (s *Service) FindProvisionedApp(ctx context.Context, parent *App, foreignID string) (*App, Credentials, error) {
	if err := requireParent(parent); err != nil {
		return nil, Credentials{}, err
	}
	app, err := s.store.FindChildApp(ctx, parent.ID, foreignID)
	if err != nil {
		return nil, Credentials{}, err
	}
	creds, err := s.credentials(ctx, app)
	return app, creds, err
}

// UpdateProvisionedApp applies a partial update to one of parent's child
// apps. Another parent's app is ENOTFOUND, so partners cannot probe each
// other's customers.
func (s *Service) UpdateProvisionedApp(ctx context.Context, parent *App, appID int64, upd AppUpdate) (*App, error) {
	if err := requireParent(parent); err != nil {
		return nil, err
	}
	app, err := s.store.FindAppByID(ctx, appID)
	if err != nil {
		return nil, err
	}
	if app.ParentID != parent.ID {
		return nil, Errorf(ENOTFOUND, "Application %s not found.", AppURN(appID))
	}
	if err := upd.validate(); err != nil {
		return nil, err
	}
	upd.UpdatedAt = s.now()
	return s.store.UpdateApp(ctx, appID, upd)
}

// credentials re-derives a child app's secret.
func (s *Service) credentials(ctx context.Context, app *App) (Credentials, error) {
	st, err := s.store.Settings(ctx)
	if err != nil {
		return Credentials{}, err
	}
	return Credentials{ClientID: app.ClientID, ClientSecret: childSecret(st.SecretKey, app.ClientID)}, nil
}

// requireParent refuses child tokens on the provisioning API.
func requireParent(app *App) error {
	if app.Kind != ParentApp {
		return &Error{Code: EFORBIDDEN, Message: "Not enough permissions to access: provisionedApplications"}
	}
	return nil
}

// validate checks a create request.
func (in ProvisionInput) validate() error {
	if strings.TrimSpace(in.UniqueForeignID) == "" {
		return Errorf(EUNPROCESSABLE, "ERROR :: /uniqueForeignId :: field is required but not found and has no default value")
	}
	return AppUpdate{Name: &in.Name, ValidJSSDKDomains: &in.ValidJSSDKDomains,
		OAuth2CallbackURLs: &in.OAuth2CallbackURLs}.validate()
}

// validate checks the fields an update sets.
func (upd AppUpdate) validate() error {
	if upd.Name != nil {
		if err := validateAppName(*upd.Name); err != nil {
			return err
		}
	}
	if upd.ValidJSSDKDomains != nil {
		for _, d := range *upd.ValidJSSDKDomains {
			if !isOrigin(d) {
				return Errorf(EUNPROCESSABLE, "ERROR :: /validJsSdkDomains :: %q is not an origin (scheme://host[:port], no path or trailing /)", d)
			}
		}
	}
	if upd.OAuth2CallbackURLs != nil {
		for _, u := range *upd.OAuth2CallbackURLs {
			if p, err := url.Parse(u); err != nil || (p.Scheme != "https" && p.Scheme != "http") || p.Host == "" {
				return Errorf(EUNPROCESSABLE, "ERROR :: /oauth2AuthorizedCallbackUrls :: %q is not an absolute http(s) URL", u)
			}
		}
	}
	return nil
}

// validateAppName applies LinkedIn's naming rules: required, at most 50
// characters, and not containing "LinkedIn".
func validateAppName(name string) error {
	switch {
	case strings.TrimSpace(name) == "":
		return Errorf(EUNPROCESSABLE, "ERROR :: /name :: field is required but not found and has no default value")
	case len([]rune(name)) > maxAppName:
		return Errorf(EUNPROCESSABLE, "ERROR :: /name :: length of %d exceeds the maximum of %d", len([]rune(name)), maxAppName)
	case strings.Contains(strings.ToLower(name), "linkedin"):
		return Errorf(EUNPROCESSABLE, "ERROR :: /name :: must not contain \"LinkedIn\"")
	}
	return nil
}

// isOrigin reports whether s is scheme://host[:port] with nothing after.
func isOrigin(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" &&
		u.Path == "" && u.RawQuery == "" && u.Fragment == "" && u.User == nil
}
