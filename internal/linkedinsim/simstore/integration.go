package simstore

import (
	"context"
	"database/sql"
	"time"

	"attractor/internal/linkedinsim"
	"attractor/internal/linkedinsim/simstore/simdb"
	"attractor/internal/sqldb"
)

// ChangeIntegrations reads appID's integration set and writes fn's change
// in the same write transaction, so life-cycle steps never interleave and
// a change is stored together with its requests and pushes (outbox).
func (s *Store) ChangeIntegrations(ctx context.Context, appID int64,
	fn func(linkedinsim.IntegrationSet) (linkedinsim.IntegrationChange, error)) error {
	return s.update(ctx, func(q *simdb.Queries, _ *sql.Tx) error {
		set, err := integrationSet(ctx, q, appID)
		if err != nil {
			return err
		}
		change, err := fn(set)
		if err != nil {
			return err
		}
		return writeChange(ctx, q, change)
	})
}

// writeChange writes integrations first, as configurations reference them.
func writeChange(ctx context.Context, q *simdb.Queries, c linkedinsim.IntegrationChange) error {
	for _, in := range c.Integrations {
		if err := upsertIntegration(ctx, q, in); err != nil {
			return err
		}
	}
	for _, cf := range c.SetConfigs {
		if err := checkCallbackOwner(ctx, q, cf); err != nil {
			return err
		}
		err := q.UpsertIntegrationConfiguration(ctx, simdb.UpsertIntegrationConfigurationParams{AppID: cf.AppID,
			IntegrationContext: cf.Key.Context, IntegrationType: string(cf.Key.Type), ConfigKey: string(cf.Name),
			ConfigValue: cf.Value, UpdatedAt: sqldb.UTC(cf.UpdatedAt)})
		if err != nil {
			return wrap(err, "upsert configuration")
		}
	}
	for _, cf := range c.DeleteConfigs {
		_, err := q.DeleteIntegrationConfiguration(ctx, simdb.DeleteIntegrationConfigurationParams{AppID: cf.AppID,
			IntegrationContext: cf.Key.Context, IntegrationType: string(cf.Key.Type), ConfigKey: string(cf.Name)})
		if err != nil {
			return wrap(err, "delete configuration")
		}
	}
	for _, r := range c.Requests {
		if err := insertRequest(ctx, q, r); err != nil {
			return err
		}
	}
	for i := range c.Pushes {
		if err := insertPush(ctx, q, &c.Pushes[i]); err != nil {
			return err
		}
	}
	return nil
}

// checkCallbackOwner enforces one CALLBACK_URL per customer (rsc-api.md
// §4) inside the write transaction: a CALLBACK_URL another app already
// holds is ECONFLICT. The service checks first to give a per-entity
// answer; this check is what makes two apps registering the same URL at
// once unable to both win (PostgreSQL runs the transaction SERIALIZABLE,
// so the loser is retried and then sees the winner's row; SQLite has one
// writer).
func checkCallbackOwner(ctx context.Context, q *simdb.Queries, cf linkedinsim.Configuration) error {
	if cf.Name != linkedinsim.ConfigCallbackURL {
		return nil
	}
	owners, err := q.ListIntegrationConfigurationApps(ctx, simdb.ListIntegrationConfigurationAppsParams{
		ConfigKey: string(cf.Name), ConfigValue: cf.Value})
	if err != nil {
		return wrap(err, "list configuration owners")
	}
	for _, id := range owners {
		if id != cf.AppID {
			return linkedinsim.CallbackTaken(cf.Value)
		}
	}
	return nil
}

func upsertIntegration(ctx context.Context, q *simdb.Queries, in linkedinsim.Integration) error {
	err := q.UpsertIntegration(ctx, simdb.UpsertIntegrationParams{AppID: in.AppID,
		IntegrationContext: in.Key.Context, IntegrationType: string(in.Key.Type),
		OrganizationID: in.OrganizationID, ContractID: nullID(in.ContractID), Name: in.Name,
		Status: string(in.Status), RequestedAt: sqldb.UTC(in.RequestedAt), EnabledAt: nullTime(in.EnabledAt),
		UpdatedAt: sqldb.UTC(in.UpdatedAt)})
	return wrap(err, "upsert integration")
}

func insertRequest(ctx context.Context, q *simdb.Queries, r linkedinsim.IntegrationRequest) error {
	err := q.InsertIntegrationRequest(ctx, simdb.InsertIntegrationRequestParams{ID: r.ID, AppID: r.AppID,
		Kind: string(r.Kind), Status: string(r.Status), Level: string(r.Level), OrganizationID: r.OrganizationID,
		ContractID: nullID(r.ContractID), Actor: r.Actor, CreatedAt: sqldb.UTC(r.CreatedAt),
		ExpiresAt: sqldb.UTC(r.ExpiresAt)})
	if err != nil {
		return wrap(err, "insert integration request")
	}
	for i, k := range r.Items {
		err := q.InsertIntegrationRequestItem(ctx, simdb.InsertIntegrationRequestItemParams{RequestID: r.ID,
			Position: int64(i), IntegrationContext: k.Context, IntegrationType: string(k.Type)})
		if err != nil {
			return wrap(err, "insert integration request item")
		}
	}
	return nil
}

// FindIntegrationSet returns an app's integrations and configurations.
func (s *Store) FindIntegrationSet(ctx context.Context, appID int64) (linkedinsim.IntegrationSet, error) {
	return integrationSet(ctx, s.read(), appID)
}

func integrationSet(ctx context.Context, q *simdb.Queries, appID int64) (linkedinsim.IntegrationSet, error) {
	rows, err := q.ListIntegrationsOfApp(ctx, appID)
	if err != nil {
		return linkedinsim.IntegrationSet{}, wrap(err, "list integrations")
	}
	cfgs, err := q.ListIntegrationConfigurationsOfApp(ctx, appID)
	if err != nil {
		return linkedinsim.IntegrationSet{}, wrap(err, "list configurations")
	}
	set := linkedinsim.IntegrationSet{Integrations: integrationsFrom(rows),
		Configurations: make([]linkedinsim.Configuration, 0, len(cfgs))}
	for _, c := range cfgs {
		set.Configurations = append(set.Configurations, linkedinsim.Configuration{AppID: c.AppID,
			Key:  linkedinsim.IntegrationKey{Context: c.IntegrationContext, Type: linkedinsim.IntegrationType(c.IntegrationType)},
			Name: linkedinsim.ConfigKey(c.ConfigKey), Value: c.ConfigValue, UpdatedAt: c.UpdatedAt.UTC()})
	}
	return set, nil
}

// ListIntegrationsInContext returns an app's integrations in one context.
func (s *Store) ListIntegrationsInContext(ctx context.Context, appID int64, context string) ([]linkedinsim.Integration, error) {
	rows, err := s.read().ListIntegrationsInContext(ctx, simdb.ListIntegrationsInContextParams{AppID: appID,
		IntegrationContext: context})
	return integrationsFrom(rows), wrap(err, "list integrations in context")
}

// ListAllIntegrations returns every app's integrations.
func (s *Store) ListAllIntegrations(ctx context.Context) ([]linkedinsim.Integration, error) {
	rows, err := s.read().ListAllIntegrations(ctx)
	return integrationsFrom(rows), wrap(err, "list all integrations")
}

func integrationsFrom(rows []simdb.Integration) []linkedinsim.Integration {
	out := make([]linkedinsim.Integration, 0, len(rows))
	for _, r := range rows {
		out = append(out, linkedinsim.Integration{AppID: r.AppID,
			Key:            linkedinsim.IntegrationKey{Context: r.IntegrationContext, Type: linkedinsim.IntegrationType(r.IntegrationType)},
			OrganizationID: r.OrganizationID, ContractID: r.ContractID.Int64, Name: r.Name,
			Status: linkedinsim.IntegrationStatus(r.Status), RequestedAt: r.RequestedAt.UTC(),
			EnabledAt: timeOf(r.EnabledAt), UpdatedAt: r.UpdatedAt.UTC()})
	}
	return out
}

// ListChildApps returns every child app, by id.
func (s *Store) ListChildApps(ctx context.Context) ([]*linkedinsim.App, error) {
	rows, err := s.read().ListIntegrationChildApps(ctx)
	if err != nil {
		return nil, wrap(err, "list child apps")
	}
	out := make([]*linkedinsim.App, 0, len(rows))
	for _, r := range rows {
		app, err := appFrom(r, nil)
		if err != nil {
			return nil, err
		}
		out = append(out, app)
	}
	return out, nil
}

// FindIntegrationRequest returns a request with its items.
func (s *Store) FindIntegrationRequest(ctx context.Context, id string) (*linkedinsim.IntegrationRequest, error) {
	q := s.read()
	r, err := q.GetIntegrationRequest(ctx, id)
	if err != nil {
		return nil, lookup(err, "Integration request", "get integration request")
	}
	items, err := q.ListIntegrationRequestItems(ctx, id)
	if err != nil {
		return nil, wrap(err, "list integration request items")
	}
	req := &linkedinsim.IntegrationRequest{ID: r.ID, AppID: r.AppID, Kind: linkedinsim.RequestKind(r.Kind),
		Status: linkedinsim.IntegrationStatus(r.Status), Level: linkedinsim.Level(r.Level),
		OrganizationID: r.OrganizationID, ContractID: r.ContractID.Int64, Actor: r.Actor,
		CreatedAt: r.CreatedAt.UTC(), ExpiresAt: r.ExpiresAt.UTC(), Items: []linkedinsim.IntegrationKey{}}
	for _, it := range items {
		req.Items = append(req.Items, linkedinsim.IntegrationKey{Context: it.IntegrationContext,
			Type: linkedinsim.IntegrationType(it.IntegrationType)})
	}
	return req, nil
}

// ConfigurationOwners returns the apps holding name=value.
func (s *Store) ConfigurationOwners(ctx context.Context, name linkedinsim.ConfigKey, value string) ([]int64, error) {
	ids, err := s.read().ListIntegrationConfigurationApps(ctx, simdb.ListIntegrationConfigurationAppsParams{
		ConfigKey: string(name), ConfigValue: value})
	return ids, wrap(err, "list configuration owners")
}

// FindSeatContract returns a seat and its contract.
func (s *Store) FindSeatContract(ctx context.Context, seatID int64) (*linkedinsim.Seat, *linkedinsim.Contract, error) {
	r, err := s.read().GetIntegrationSeat(ctx, seatID)
	if err != nil {
		return nil, nil, lookup(err, "Seat", "get seat")
	}
	return seatContract(simdb.GetIntegrationMemberSeatRow(r))
}

// FindMemberSeat returns the seat a member holds on a contract.
func (s *Store) FindMemberSeat(ctx context.Context, contractID int64, personURN string) (*linkedinsim.Seat, *linkedinsim.Contract, error) {
	r, err := s.read().GetIntegrationMemberSeat(ctx, simdb.GetIntegrationMemberSeatParams{ContractID: contractID,
		PersonUrn: personURN})
	if err != nil {
		return nil, nil, lookup(err, "Seat", "get member seat")
	}
	return seatContract(r)
}

func seatContract(r simdb.GetIntegrationMemberSeatRow) (*linkedinsim.Seat, *linkedinsim.Contract, error) {
	return &linkedinsim.Seat{ID: r.ID, ContractID: r.ContractID, MemberID: r.MemberID, Admin: r.IsAdmin,
			Active: r.Active, CreatedAt: r.CreatedAt.UTC()},
		&linkedinsim.Contract{ID: r.ContractID, OrganizationID: r.OrganizationID, Name: r.ContractName,
			CreatedAt: r.ContractCreatedAt.UTC()}, nil
}

// nullID stores 0 as NULL.
func nullID(id int64) sql.NullInt64 { return sql.NullInt64{Int64: id, Valid: id != 0} }

// nullTime stores the zero time as NULL.
func nullTime(t time.Time) sql.NullTime {
	if t.IsZero() {
		return sql.NullTime{}
	}
	return sql.NullTime{Time: sqldb.UTC(t), Valid: true}
}

// timeOf reads NULL back as the zero time.
func timeOf(t sql.NullTime) time.Time {
	if !t.Valid {
		return time.Time{}
	}
	return t.Time.UTC()
}
