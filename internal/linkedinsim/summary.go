package linkedinsim

import "context"

// WorldSummary is what `attractor linkedinsim seed` prints and
// GET /sim/v1/world returns: everything a person or a test needs to use
// the world (credentials, customers, who can sign in and how).
type WorldSummary struct {
	Seed          int64                 `json:"seed"`
	Members       int                   `json:"members"`
	Partner       PartnerSummary        `json:"partner"`
	ControlToken  string                `json:"controlToken"`
	SeatPassword  string                `json:"seatPassword"`
	Organizations []OrganizationSummary `json:"organizations"`
}

// PartnerSummary is the partner's parent app.
type PartnerSummary struct {
	Key          string `json:"key"`
	ClientID     string `json:"clientId"`
	ClientSecret string `json:"clientSecret"`
}

// OrganizationSummary is a customer company and its contracts.
type OrganizationSummary struct {
	URN       string            `json:"urn"`
	Name      string            `json:"name"`
	Contracts []ContractSummary `json:"contracts"`
}

// ContractSummary is a Recruiter contract and its seats.
type ContractSummary struct {
	URN   string        `json:"urn"`
	Name  string        `json:"name"`
	Seats []SeatSummary `json:"seats"`
}

// SeatSummary is a seat and the member holding it.
type SeatSummary struct {
	URN    string        `json:"urn"`
	Admin  bool          `json:"admin"`
	Member MemberSummary `json:"member"`
}

// MemberSummary identifies a seat holder; they sign in with their email
// and the world's seat password.
type MemberSummary struct {
	URN       string `json:"urn"`
	FirstName string `json:"firstName"`
	LastName  string `json:"lastName"`
	Email     string `json:"email"`
}

// World returns the world summary; ENOTFOUND when no world was generated.
func (s *Service) World(ctx context.Context) (WorldSummary, error) {
	st, err := s.store.Settings(ctx)
	if err != nil {
		return WorldSummary{}, err
	}
	w, err := s.store.WorldContents(ctx)
	if err != nil {
		return WorldSummary{}, err
	}
	return summarise(st, w), nil
}

// summarise nests seats under contracts under organizations.
func summarise(st Settings, w WorldContents) WorldSummary {
	out := WorldSummary{Seed: st.Seed, Members: st.Members, ControlToken: st.ControlToken,
		SeatPassword: st.SeatPassword, Organizations: []OrganizationSummary{},
		Partner: PartnerSummary{Key: AppURN(st.PartnerID), ClientID: st.PartnerKey, ClientSecret: st.PartnerCode}}
	seats := map[int64][]SeatSummary{}
	for _, h := range w.SeatHolders {
		seats[h.ContractID] = append(seats[h.ContractID], SeatSummary{URN: SeatURN(h.ID), Admin: h.Admin,
			Member: MemberSummary{URN: h.Member.PersonURN, FirstName: h.Member.FirstName,
				LastName: h.Member.LastName, Email: h.Member.Email}})
	}
	contracts := map[int64][]ContractSummary{}
	for _, c := range w.Contracts {
		contracts[c.OrganizationID] = append(contracts[c.OrganizationID],
			ContractSummary{URN: ContractURN(c.ID), Name: c.Name, Seats: nonNil(seats[c.ID])})
	}
	for _, o := range w.Organizations {
		out.Organizations = append(out.Organizations, OrganizationSummary{URN: OrganizationURN(o.ID),
			Name: o.Name, Contracts: nonNil(contracts[o.ID])})
	}
	return out
}

// nonNil makes empty lists render as [] rather than null.
func nonNil[T any](v []T) []T {
	if v == nil {
		return []T{}
	}
	return v
}
