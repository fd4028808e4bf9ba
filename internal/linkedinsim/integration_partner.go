package linkedinsim

import (
	"context"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"
)

// maxIntegrationName bounds integrationName [INF: LinkedIn documents no
// limit; the Postman names are about 60 characters].
const maxIntegrationName = 200

// contextTypes is which context each RSC type lives in (rsc-api.md §3.3).
var contextTypes = map[IntegrationType]string{
	OneClickExport: organizationURNPrefix, InATSIndicator: organizationURNPrefix,
	ProfilePlugin: organizationURNPrefix, CSAAPI: contractURNPrefix,
}

// ValidateIntegrationKey checks the parts of an atsIntegrations key
// (rsc-api.md §3.3): a known type, a context of the kind that type lives
// in, tenantType RECRUITER and dataProvider ATS. Failures are EINVALID
// (400), as for any malformed Rest.li key.
func ValidateIntegrationKey(k IntegrationKey, tenantType, dataProvider string) error {
	prefix, ok := contextTypes[k.Type]
	switch {
	case !ok:
		return Errorf(EINVALID, "Unsupported integrationType %q: use ONE_CLICK_EXPORT, IN_ATS_INDICATOR, PROFILE_PLUGIN or CSA_API.", k.Type)
	case tenantType != TenantRecruiter:
		return Errorf(EINVALID, "tenantType must be RECRUITER, got %q.", tenantType)
	case dataProvider != DataProviderATS:
		return Errorf(EINVALID, "dataProvider must be ATS, got %q.", dataProvider)
	}
	if _, err := parseNumericURN(k.Context, prefix); err != nil {
		return Errorf(EINVALID, "integrationContext of %s must be a %sN URN, got %q.", k.Type, prefix, k.Context)
	}
	return nil
}

// authorizeAll runs the gate on every key's context first, so a foreign
// context refuses the whole request before anything is written.
func (s *Service) authorizeAll(ctx context.Context, app *App, keys []IntegrationKey) error {
	for _, k := range keys {
		if err := s.Authorize(ctx, app, k.Context, CapIntegrations); err != nil {
			return err
		}
	}
	return nil
}

// GetIntegrations is the atsIntegrations batch get (rsc-api.md §3.3):
// the app's integrations for keys; a key of an own context whose type was
// not requested is simply absent from the result.
func (s *Service) GetIntegrations(ctx context.Context, app *App, keys []IntegrationKey) (map[IntegrationKey]Integration, error) {
	if err := s.authorizeAll(ctx, app, keys); err != nil {
		return nil, err
	}
	set, err := s.store.FindIntegrationSet(ctx, app.ID)
	if err != nil {
		return nil, err
	}
	out := map[IntegrationKey]Integration{}
	for _, k := range keys {
		if in := set.find(k); in != nil {
			out[k] = *in
		}
	}
	return out, nil
}

// NameIntegrations sets integrationName on the app's integrations
// (batch_partial_update, rsc-api.md §3.3, §6.1 step 3). It returns one
// error per key that could not be named (ENOTFOUND when never requested,
// EUNPROCESSABLE for a bad name); the others are written. Naming can make
// integrations PARTNER_READY, which pushes INTEGRATION_STATUS_CHANGE.
func (s *Service) NameIntegrations(ctx context.Context, app *App, names map[IntegrationKey]string) (map[IntegrationKey]error, error) {
	keys := sortedKeys(names)
	if err := s.authorizeAll(ctx, app, keys); err != nil {
		return nil, err
	}
	var failed map[IntegrationKey]error
	err := s.store.ChangeIntegrations(ctx, app.ID, func(set IntegrationSet) (IntegrationChange, error) {
		l := newLifecycle(app.ID, set, s.now())
		failed = map[IntegrationKey]error{}
		orgs := map[int64]bool{}
		for _, k := range keys {
			in, err := nameOne(l, k, names[k])
			if err != nil {
				failed[k] = err
				continue
			}
			l.put(in)
			orgs[in.OrganizationID] = true
		}
		return l.finishRefresh(orgs, app.URN())
	})
	s.wakePushWorker()
	return failed, err
}

// nameOne validates a name and returns the renamed integration.
func nameOne(l *lifecycle, k IntegrationKey, name string) (Integration, error) {
	in := l.set.find(k)
	if in == nil {
		return Integration{}, Errorf(ENOTFOUND, "Integration %s of %s was not requested; the customer requests it in the onboarding widget.", k.Type, k.Context)
	}
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		return Integration{}, Errorf(EUNPROCESSABLE, "ERROR :: /integrationName :: field is required but not found and has no default value\n")
	case utf8.RuneCountInString(name) > maxIntegrationName:
		return Integration{}, Errorf(EUNPROCESSABLE, "ERROR :: /integrationName :: length exceeds the maximum of %d\n", maxIntegrationName)
	}
	row := *in
	row.Name = name
	return row, nil
}

// finishRefresh refreshes the touched organizations and finishes the step
// as a partner action (level follows what changed).
func (l *lifecycle) finishRefresh(orgs map[int64]bool, actor string) (IntegrationChange, error) {
	var org, con int64
	for o := range orgs {
		l.refresh(o)
		org = o
	}
	level := LevelCompany
	for _, k := range l.changed {
		if k.Type == CSAAPI {
			level = LevelContract
			con, _ = parseNumericURN(k.Context, contractURNPrefix)
		}
	}
	return l.finish(level, org, con, actor)
}

// FindIntegrationRequest serves the q=request&requestId= finder
// (rsc-api.md §3.3): the current state of the integrations a request or
// status change concerns. Another app's or an unknown request id finds
// nothing, as Rest.li finders answer, so ids cannot be probed.
func (s *Service) FindIntegrationRequest(ctx context.Context, app *App, requestID string) ([]Integration, error) {
	if app.Kind != ChildApp {
		return nil, forbidden("The partner (parent) application may only call provisionedApplications; use the customer application's token.")
	}
	req, err := s.store.FindIntegrationRequest(ctx, requestID)
	if ErrorCode(err) == ENOTFOUND || err == nil && req.AppID != app.ID {
		return []Integration{}, nil
	} else if err != nil {
		return nil, err
	}
	set, err := s.store.FindIntegrationSet(ctx, app.ID)
	if err != nil {
		return nil, err
	}
	out := []Integration{}
	for _, k := range req.Items {
		if in := set.find(k); in != nil {
			out = append(out, *in)
		}
	}
	return out, nil
}

// configRules says which integration type each configuration attaches to
// and which values it takes ("" = any http(s) URL) (rsc-api.md §3.4).
var configRules = map[ConfigKey]struct {
	on    IntegrationType
	value string
}{
	ConfigCallbackURL:       {OneClickExport, ""},
	ConfigJobPostingViewers: {OneClickExport, "ALL_PRODUCT_USERS"},
	ConfigApplicationViews:  {InATSIndicator, "ALL_PRODUCT_USERS"},
}

// checkConfig validates one configuration for integration type t.
func checkConfig(t IntegrationType, name ConfigKey, value string) error {
	rule, ok := configRules[name]
	switch {
	case !ok:
		return Errorf(EUNPROCESSABLE, "Unknown configuration %q: use CALLBACK_URL, JOB_POSTING_VIEWERS or APPLICATION_VIEWERS.", name)
	case rule.on != t:
		return Errorf(EUNPROCESSABLE, "Configuration %s belongs to the %s integration, not %s.", name, rule.on, t)
	case rule.value != "" && value != rule.value:
		return Errorf(EUNPROCESSABLE, "ERROR :: /configurationValue/string :: %s only accepts %s, got %q\n", name, rule.value, value)
	case rule.value == "" && !isCallbackURL(value):
		return Errorf(EUNPROCESSABLE, "ERROR :: /configurationValue/string :: CALLBACK_URL must be an absolute http(s) URL, got %q\n", value)
	}
	return nil
}

// isCallbackURL accepts absolute http and https URLs. LinkedIn demands
// HTTPS on port 80/443 (rsc-api.md §4); the simulator runs offline against
// local test servers, so it relaxes that to http(s) on any port.
func isCallbackURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" && u.User == nil
}

// sortedKeys returns a map's integration keys in a stable order.
func sortedKeys[V any](m map[IntegrationKey]V) []IntegrationKey {
	keys := make([]IntegrationKey, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b IntegrationKey) int {
		return strings.Compare(a.Context+"|"+string(a.Type), b.Context+"|"+string(b.Type))
	})
	return keys
}
