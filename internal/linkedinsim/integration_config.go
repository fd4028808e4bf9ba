package linkedinsim

import (
	"context"
	"slices"
)

// ConfigResult is the outcome for one configuration id of a batch: its
// value (gets) or its error.
type ConfigResult struct {
	Value string
	Err   error
}

// integrationFor authorizes app on k's context and returns the set and
// integration; an own context whose type was never requested is ENOTFOUND.
func (s *Service) integrationFor(ctx context.Context, app *App, k IntegrationKey) (IntegrationSet, *Integration, error) {
	if err := s.Authorize(ctx, app, k.Context, CapIntegrations); err != nil {
		return IntegrationSet{}, nil, err
	}
	set, err := s.store.FindIntegrationSet(ctx, app.ID)
	if err != nil {
		return IntegrationSet{}, nil, err
	}
	in := set.find(k)
	if in == nil {
		return IntegrationSet{}, nil, Errorf(ENOTFOUND, "Integration %s of %s was not requested.", k.Type, k.Context)
	}
	return set, in, nil
}

// GetConfigurations reads configurations of one integration (rsc-api.md
// §3.4, GET ?ids=); an unset one is ENOTFOUND in its result.
func (s *Service) GetConfigurations(ctx context.Context, app *App, k IntegrationKey, names []ConfigKey) (map[ConfigKey]ConfigResult, error) {
	set, _, err := s.integrationFor(ctx, app, k)
	if err != nil {
		return nil, err
	}
	out := map[ConfigKey]ConfigResult{}
	for _, n := range names {
		if v := set.config(k, n); v != "" {
			out[n] = ConfigResult{Value: v}
		} else {
			out[n] = ConfigResult{Err: Errorf(ENOTFOUND, "Configuration %s is not set on %s of %s.", n, k.Type, k.Context)}
		}
	}
	return out, nil
}

// SetConfigurations upserts configurations of one integration
// (batch_update, rsc-api.md §3.4). Each value is checked on its own; a
// CALLBACK_URL already registered by another customer is ECONFLICT, since
// one URL may serve only one customer (rsc-api.md §4). Setting the
// CALLBACK_URL can make the organization's integrations PARTNER_READY.
func (s *Service) SetConfigurations(ctx context.Context, app *App, k IntegrationKey, values map[ConfigKey]string) (map[ConfigKey]error, error) {
	if _, _, err := s.integrationFor(ctx, app, k); err != nil {
		return nil, err
	}
	failed := map[ConfigKey]error{}
	for name, v := range values {
		if err := s.checkConfigValue(ctx, app, k, name, v); err != nil {
			failed[name] = err
		}
	}
	err := s.store.ChangeIntegrations(ctx, app.ID, func(set IntegrationSet) (IntegrationChange, error) {
		l := newLifecycle(app.ID, set, s.now())
		in := set.find(k)
		if in == nil {
			return IntegrationChange{}, Errorf(ENOTFOUND, "Integration %s of %s was not requested.", k.Type, k.Context)
		}
		for _, name := range sortedConfigKeys(values) {
			if failed[name] == nil {
				l.setConfig(Configuration{Key: k, Name: name, Value: values[name]})
			}
		}
		return l.finishRefresh(map[int64]bool{in.OrganizationID: true}, app.URN())
	})
	s.wakePushWorker()
	return failed, err
}

// checkConfigValue validates one value, including callback uniqueness.
// The uniqueness check here only gives a per-entity answer in the common
// case; the store repeats it inside the write transaction, so of two apps
// registering the same URL at once the loser's whole call is ECONFLICT.
func (s *Service) checkConfigValue(ctx context.Context, app *App, k IntegrationKey, name ConfigKey, v string) error {
	if err := checkConfig(k.Type, name, v); err != nil {
		return err
	}
	if name != ConfigCallbackURL {
		return nil
	}
	owners, err := s.store.ConfigurationOwners(ctx, name, v)
	if err != nil {
		return err
	}
	if slices.ContainsFunc(owners, func(id int64) bool { return id != app.ID }) {
		return CallbackTaken(v)
	}
	return nil
}

// CallbackTaken is the ECONFLICT for a CALLBACK_URL another customer
// already registered. The store returns it from ChangeIntegrations too,
// where the check runs inside the write transaction.
func CallbackTaken(url string) *Error {
	return Errorf(ECONFLICT, "CALLBACK_URL %s is already registered for another customer; each customer needs its own URL.", url)
}

// DeleteConfigurations removes configurations of one integration (batch
// delete, rsc-api.md §3.4); an unset one is ENOTFOUND in its result.
// Removing the CALLBACK_URL before enablement takes the organization's
// integrations back to REQUESTED.
func (s *Service) DeleteConfigurations(ctx context.Context, app *App, k IntegrationKey, names []ConfigKey) (map[ConfigKey]error, error) {
	if _, _, err := s.integrationFor(ctx, app, k); err != nil {
		return nil, err
	}
	var failed map[ConfigKey]error
	err := s.store.ChangeIntegrations(ctx, app.ID, func(set IntegrationSet) (IntegrationChange, error) {
		l := newLifecycle(app.ID, set, s.now())
		failed = map[ConfigKey]error{}
		for _, n := range names {
			if set.config(k, n) == "" {
				failed[n] = Errorf(ENOTFOUND, "Configuration %s is not set on %s of %s.", n, k.Type, k.Context)
				continue
			}
			l.deleteConfig(k, n)
		}
		in := set.find(k)
		if in == nil {
			return IntegrationChange{}, Errorf(ENOTFOUND, "Integration %s of %s was not requested.", k.Type, k.Context)
		}
		return l.finishRefresh(map[int64]bool{in.OrganizationID: true}, app.URN())
	})
	return failed, err
}

// sortedConfigKeys returns a map's configuration names in order.
func sortedConfigKeys[V any](m map[ConfigKey]V) []ConfigKey {
	out := make([]ConfigKey, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
