package simstore

import (
	"context"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strconv"

	"attractor/internal/linkedinsim"
	"attractor/internal/linkedinsim/simstore/simdb"
	"attractor/internal/sqldb"
)

// ResetWorld deletes every row, children before parents, in one
// transaction, so a failed re-seed leaves the old world in place.
func (s *Store) ResetWorld(ctx context.Context) error {
	return s.update(ctx, func(q *simdb.Queries, _ *sql.Tx) error {
		steps := []func(context.Context) error{q.DeleteSettings, q.DeleteAccessTokens, q.DeleteApps,
			q.DeleteSeats, q.DeleteContracts, q.DeleteOrganizations, q.DeleteMembers, q.DeleteCounters}
		for _, step := range steps {
			if err := step(ctx); err != nil {
				return wrap(err, "reset world")
			}
		}
		return nil
	})
}

// WriteWorld writes everything but the members in one transaction; the
// settings go last, as their presence marks a complete world. On SQLite it
// first indexes the members for name matching in one bulk insert
// (migrations/sqlite/00005_member_fts_bulk.sql says why).
func (s *Store) WriteWorld(ctx context.Context, d linkedinsim.WorldData) error {
	return s.update(ctx, func(q *simdb.Queries, tx *sql.Tx) error {
		steps := []func() error{
			func() error { return s.indexMembers(ctx, tx) },
			func() error { return insertOrganizations(ctx, q, d.Organizations) },
			func() error { return insertContracts(ctx, q, d.Contracts) },
			func() error { return insertSeats(ctx, q, d.Seats) },
			func() error { return insertApps(ctx, q, d.Apps) },
			func() error { return setCounters(ctx, q, d.Counters) },
			func() error { return writeSettings(ctx, q, d.Settings) },
		}
		for _, step := range steps {
			if err := step(); err != nil {
				return err
			}
		}
		return nil
	})
}

func insertOrganizations(ctx context.Context, q *simdb.Queries, orgs []linkedinsim.Organization) error {
	for _, o := range orgs {
		err := q.InsertOrganization(ctx, simdb.InsertOrganizationParams{ID: o.ID, Name: o.Name,
			CreatedAt: sqldb.UTC(o.CreatedAt)})
		if err != nil {
			return wrap(err, "insert organization")
		}
	}
	return nil
}

func insertContracts(ctx context.Context, q *simdb.Queries, contracts []linkedinsim.Contract) error {
	for _, c := range contracts {
		err := q.InsertContract(ctx, simdb.InsertContractParams{ID: c.ID, OrganizationID: c.OrganizationID,
			Name: c.Name, CreatedAt: sqldb.UTC(c.CreatedAt)})
		if err != nil {
			return wrap(err, "insert contract")
		}
	}
	return nil
}

func insertSeats(ctx context.Context, q *simdb.Queries, seats []linkedinsim.Seat) error {
	for _, st := range seats {
		err := q.InsertSeat(ctx, simdb.InsertSeatParams{ID: st.ID, ContractID: st.ContractID,
			MemberID: st.MemberID, IsAdmin: st.Admin, Active: st.Active, CreatedAt: sqldb.UTC(st.CreatedAt)})
		if err != nil {
			return wrap(err, "insert seat")
		}
	}
	return nil
}

func insertApps(ctx context.Context, q *simdb.Queries, apps []linkedinsim.App) error {
	for i := range apps {
		if err := insertApp(ctx, q, &apps[i]); err != nil {
			return err
		}
	}
	return nil
}

func setCounters(ctx context.Context, q *simdb.Queries, counters map[string]int64) error {
	for name, v := range counters {
		if err := q.SetCounter(ctx, simdb.SetCounterParams{Name: name, Value: v}); err != nil {
			return wrap(err, "set counter")
		}
	}
	return nil
}

// Setting names; Settings round-trips through them.
const (
	setSeed         = "seed"
	setMembers      = "members"
	setControlToken = "control_token"
	setSeatPassword = "seat_password"
	setPartnerID    = "partner_app_id"
	setPartnerKey   = "partner_client_id"
	setPartnerCode  = "partner_client_secret"
	setSecretKey    = "secret_key"
)

func writeSettings(ctx context.Context, q *simdb.Queries, st linkedinsim.Settings) error {
	values := map[string]string{
		setSeed: strconv.FormatInt(st.Seed, 10), setMembers: strconv.Itoa(st.Members),
		setControlToken: st.ControlToken, setSeatPassword: st.SeatPassword,
		setPartnerID: strconv.FormatInt(st.PartnerID, 10), setPartnerKey: st.PartnerKey,
		setPartnerCode: st.PartnerCode, setSecretKey: hex.EncodeToString(st.SecretKey),
	}
	for name, v := range values {
		if err := q.SetSetting(ctx, simdb.SetSettingParams{Name: name, Value: v}); err != nil {
			return wrap(err, "write settings")
		}
	}
	return nil
}

// Settings returns the world settings, or ENOTFOUND when no world has been
// written (the cue to seed the default world).
func (s *Store) Settings(ctx context.Context) (linkedinsim.Settings, error) {
	rows, err := s.read().ListSettings(ctx)
	if err != nil {
		return linkedinsim.Settings{}, wrap(err, "read settings")
	}
	if len(rows) == 0 {
		return linkedinsim.Settings{}, notFound("World")
	}
	v := make(map[string]string, len(rows))
	for _, r := range rows {
		v[r.Name] = r.Value
	}
	return parseSettings(v)
}

// parseSettings decodes what writeSettings wrote.
func parseSettings(v map[string]string) (linkedinsim.Settings, error) {
	seed, err1 := strconv.ParseInt(v[setSeed], 10, 64)
	members, err2 := strconv.Atoi(v[setMembers])
	partner, err3 := strconv.ParseInt(v[setPartnerID], 10, 64)
	key, err4 := hex.DecodeString(v[setSecretKey])
	for _, err := range []error{err1, err2, err3, err4} {
		if err != nil {
			return linkedinsim.Settings{}, fmt.Errorf("decode settings: %w", err)
		}
	}
	return linkedinsim.Settings{Seed: seed, Members: members, ControlToken: v[setControlToken],
		SeatPassword: v[setSeatPassword], PartnerID: partner, PartnerKey: v[setPartnerKey],
		PartnerCode: v[setPartnerCode], SecretKey: key}, nil
}

// WorldContents returns organizations, contracts and seat holders, ordered
// by id. The world's customer side is small (tens of rows), so one read of
// each is enough.
func (s *Store) WorldContents(ctx context.Context) (linkedinsim.WorldContents, error) {
	q := s.read()
	var w linkedinsim.WorldContents
	orgs, err := q.ListOrganizations(ctx)
	if err != nil {
		return w, wrap(err, "list organizations")
	}
	for _, o := range orgs {
		w.Organizations = append(w.Organizations, linkedinsim.Organization{ID: o.ID, Name: o.Name, CreatedAt: o.CreatedAt.UTC()})
	}
	contracts, err := q.ListContracts(ctx)
	if err != nil {
		return w, wrap(err, "list contracts")
	}
	for _, c := range contracts {
		w.Contracts = append(w.Contracts, linkedinsim.Contract{ID: c.ID, OrganizationID: c.OrganizationID,
			Name: c.Name, CreatedAt: c.CreatedAt.UTC()})
	}
	w.SeatHolders, err = seatHolders(ctx, q)
	return w, err
}

func seatHolders(ctx context.Context, q *simdb.Queries) ([]linkedinsim.SeatHolder, error) {
	rows, err := q.ListSeatHolders(ctx)
	if err != nil {
		return nil, wrap(err, "list seats")
	}
	out := make([]linkedinsim.SeatHolder, 0, len(rows))
	for _, r := range rows {
		out = append(out, linkedinsim.SeatHolder{
			Seat: linkedinsim.Seat{ID: r.ID, ContractID: r.ContractID, MemberID: r.MemberID,
				Admin: r.IsAdmin, Active: r.Active},
			Member: linkedinsim.Member{ID: r.MemberID, PersonURN: r.PersonUrn, FirstName: r.FirstName,
				LastName: r.LastName, Email: r.Email},
		})
	}
	return out, nil
}

// NextID returns the next value of the named counter; ENOTFOUND when the
// world did not create it.
func (s *Store) NextID(ctx context.Context, counter string) (int64, error) {
	var id int64
	err := s.update(ctx, func(q *simdb.Queries, _ *sql.Tx) error {
		var err error
		id, err = q.NextCounter(ctx, counter)
		return lookup(err, "Counter "+counter, "next id")
	})
	return id, err
}

// indexMembers fills SQLite's member_fts from the members just written;
// PostgreSQL's GIN index is maintained by the engine. ResetWorld's member
// delete trigger has emptied the index before.
func (s *Store) indexMembers(ctx context.Context, tx *sql.Tx) error {
	if s.db.Engine != sqldb.SQLite {
		return nil
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO member_fts (rowid, match_key) SELECT id, match_key FROM members`)
	return wrap(err, "index members for matching")
}
