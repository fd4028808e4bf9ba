package linkedinsim

import (
	"context"
	"strings"
)

// EnableInput is a Recruiter admin switching on ATS access in Recruiter
// → Admin settings → ATS (rsc-api.md §6.1 step 5).
type EnableInput struct {
	Level    Level
	Contract string // urn:li:contract:N; its organization is the company
	Actor    string // urn:li:seat:N, an admin seat of Contract
}

// DisableInput is a Recruiter admin switching ATS access off. Contract is
// optional and defaults to the actor's contract.
type DisableInput struct {
	Contract string
	Actor    string
}

// adminTarget checks that actor is an active admin seat of contract ("" =
// the actor's own) and returns the contract.
func (s *Service) adminTarget(ctx context.Context, actor, contract string) (*Contract, error) {
	if strings.TrimSpace(actor) == "" {
		return nil, Errorf(EUNPROCESSABLE, "actor is required: the urn:li:seat of a contract admin.")
	}
	seatID, err := parseNumericURN(actor, seatURNPrefix)
	if err != nil {
		return nil, Errorf(EINVALID, "actor must be a urn:li:seat:N, got %q.", actor)
	}
	seat, con, err := s.store.FindSeatContract(ctx, seatID)
	if ErrorCode(err) == ENOTFOUND {
		return nil, Errorf(ENOTFOUND, "actor %s: seat not found.", actor)
	} else if err != nil {
		return nil, err
	}
	if contract != "" {
		id, err := parseNumericURN(contract, contractURNPrefix)
		if err != nil {
			return nil, Errorf(EINVALID, "contract must be a urn:li:contract:N, got %q.", contract)
		}
		if id != con.ID {
			return nil, forbidden("actor %s is a seat of %s, not of contract %s.", actor, ContractURN(con.ID), contract)
		}
	}
	if !seat.Admin || !seat.Active {
		return nil, forbidden("actor %s is not an active admin seat of contract %s.", actor, ContractURN(con.ID))
	}
	return con, nil
}

// childApp returns a child app by id; parents and unknown ids are
// ENOTFOUND.
func (s *Service) childApp(ctx context.Context, appID int64) (*App, error) {
	app, err := s.store.FindAppByID(ctx, appID)
	if err == nil && app.Kind != ChildApp {
		err = Errorf(ENOTFOUND, "Application %s is not a customer (child) application.", AppURN(appID))
	}
	return app, err
}

// EnableIntegrations enables company- or contract-level access of a child
// app for the actor's contract (rsc-api.md §6.1 step 5). Every integration
// of the level must have been requested and be partner ready (named, with
// the organization's CALLBACK_URL), else ECONFLICT naming what is missing.
// Each newly enabled integration is reported by one
// INTEGRATION_STATUS_CHANGE push. It returns the level's integrations.
func (s *Service) EnableIntegrations(ctx context.Context, appID int64, in EnableInput) ([]Integration, error) {
	if in.Level != LevelCompany && in.Level != LevelContract {
		return nil, Errorf(EUNPROCESSABLE, "level must be \"company\" or \"contract\", got %q.", in.Level)
	}
	if strings.TrimSpace(in.Contract) == "" {
		return nil, Errorf(EUNPROCESSABLE, "contract is required: the urn:li:contract the admin enables access for.")
	}
	app, err := s.childApp(ctx, appID)
	if err != nil {
		return nil, err
	}
	con, err := s.adminTarget(ctx, in.Actor, in.Contract)
	if err != nil {
		return nil, err
	}
	var out []Integration
	err = s.store.ChangeIntegrations(ctx, app.ID, func(set IntegrationSet) (IntegrationChange, error) {
		l := newLifecycle(app.ID, set, s.now())
		keys := keysOf(in.Level, con.OrganizationID, con.ID)
		if err := checkEnableable(set, keys, in.Level); err != nil {
			return IntegrationChange{}, err
		}
		out = enable(l, keys)
		return l.finish(in.Level, con.OrganizationID, con.ID, in.Actor)
	})
	s.wakePushWorker()
	return out, err
}

// checkEnableable says what stands between keys and enablement.
func checkEnableable(set IntegrationSet, keys []IntegrationKey, level Level) error {
	for _, k := range keys {
		in := set.find(k)
		switch {
		case in == nil:
			return Errorf(ECONFLICT, "%s-level access was not requested: %s of %s has no integration request (the customer requests it in the onboarding widget).",
				level, k.Type, k.Context)
		case in.Name == "":
			return Errorf(ECONFLICT, "The application is not partner ready: %s of %s has no integrationName.", k.Type, k.Context)
		case set.callbackURL(in.OrganizationID) == "":
			return Errorf(ECONFLICT, "The application is not partner ready: CALLBACK_URL is not set for %s.", OrganizationURN(in.OrganizationID))
		}
	}
	return nil
}

// enable switches keys on and returns their new rows.
func enable(l *lifecycle, keys []IntegrationKey) []Integration {
	out := make([]Integration, 0, len(keys))
	for _, k := range keys {
		row := *l.set.find(k)
		if row.Status != StatusEnabled {
			row.Status, row.EnabledAt = StatusEnabled, l.now
			l.put(row)
		}
		out = append(out, *l.set.find(k))
	}
	return out
}

// DisableIntegrations switches off every enabled integration of the app
// in the actor's organization: its organization contexts and the CSA_API
// of each of its contracts. Nothing enabled there is ECONFLICT. Each
// disabled integration is reported by one INTEGRATION_STATUS_CHANGE push.
func (s *Service) DisableIntegrations(ctx context.Context, appID int64, in DisableInput) ([]Integration, error) {
	app, err := s.childApp(ctx, appID)
	if err != nil {
		return nil, err
	}
	con, err := s.adminTarget(ctx, in.Actor, in.Contract)
	if err != nil {
		return nil, err
	}
	var out []Integration
	err = s.store.ChangeIntegrations(ctx, app.ID, func(set IntegrationSet) (IntegrationChange, error) {
		l := newLifecycle(app.ID, set, s.now())
		for _, row := range set.Integrations {
			if row.OrganizationID == con.OrganizationID && row.Status == StatusEnabled {
				row.Status = StatusDisabled
				l.put(row)
				out = append(out, row)
			}
		}
		if len(out) == 0 {
			return IntegrationChange{}, Errorf(ECONFLICT, "Nothing to disable: no integration of the application is enabled for %s.",
				OrganizationURN(con.OrganizationID))
		}
		return l.finish(LevelCompany, con.OrganizationID, con.ID, in.Actor)
	})
	s.wakePushWorker()
	return out, err
}

// ATSInstance is a child app with its integrations and CALLBACK_URL, as
// the control API lists them.
type ATSInstance struct {
	App          *App
	CallbackURL  string
	Integrations []Integration
}

// ListATSInstances returns every child app with its integrations.
func (s *Service) ListATSInstances(ctx context.Context) ([]ATSInstance, error) {
	apps, err := s.store.ListChildApps(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]ATSInstance, 0, len(apps))
	for _, app := range apps {
		set, err := s.store.FindIntegrationSet(ctx, app.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, ATSInstance{App: app, CallbackURL: set.anyCallbackURL(), Integrations: set.Integrations})
	}
	return out, nil
}
