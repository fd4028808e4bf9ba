package linkedinsim

import (
	"context"
	"slices"
	"time"
)

// This file is the partner side of the contract-level domain: the reads
// behind seats/seatsV2, conversationEvents, mailStubs and prospectNotes
// (rsc-api.md §3.14–§3.17). Every read is gated by Authorize(…, contract,
// CapCSA): the child app's CSA_API integration for that contract must be
// enabled, else 403, before anything is read.

// MaxFeedWindow is the widest time range one conversationEvents or
// prospectNotes call may ask for: "≤ 12 hours of time range per call"
// (rsc-api.md §3.15, §3.17; architecture.md §6).
const MaxFeedWindow = 12 * time.Hour

// ContractSeats returns the seats of every contract in contracts, in the
// order asked, each contract's by seat id.
func (s *Service) ContractSeats(ctx context.Context, app *App, contracts []int64) ([]ContractSeat, error) {
	if err := s.authorizeContracts(ctx, app, contracts...); err != nil {
		return nil, err
	}
	var out []ContractSeat
	for _, c := range contracts {
		seats, err := s.store.ListContractSeats(ctx, c)
		if err != nil {
			return nil, err
		}
		out = append(out, seats...)
	}
	return out, nil
}

// ConversationEvents returns the InMail messages the viewer seat sent or
// received in w ([From, To)). A seat the app may not read, including one
// that does not exist, is 403: seat ids are global, and a customer must
// not learn which exist on other contracts.
func (s *Service) ConversationEvents(ctx context.Context, app *App, viewer int64, w TimeWindow) ([]Message, error) {
	_, con, err := s.store.FindSeatContract(ctx, viewer)
	if ErrorCode(err) == ENOTFOUND {
		return nil, forbidden("viewer %s is not a seat of a contract this application may read.", SeatURN(viewer))
	} else if err != nil {
		return nil, err
	}
	if err := s.authorizeContracts(ctx, app, con.ID); err != nil {
		return nil, err
	}
	return s.store.ListSeatMessages(ctx, viewer, w)
}

// MailStubs returns the contract's stub profiles created in w ([From,
// To)), only those owned by owners when owners is not empty.
func (s *Service) MailStubs(ctx context.Context, app *App, contract int64, owners []int64, w TimeWindow) ([]MailStub, error) {
	if err := s.authorizeContracts(ctx, app, contract); err != nil {
		return nil, err
	}
	stubs, err := s.store.ListMailStubs(ctx, contract, w)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(stubs, func(st MailStub) bool { return notOwner(owners, st.SeatID) }), nil
}

// ProspectNotes returns the contract's notes last updated in (From, To],
// deleted ones included, only those written by owners when owners is not
// empty.
func (s *Service) ProspectNotes(ctx context.Context, app *App, contract int64, owners []int64, w TimeWindow) ([]Note, error) {
	if err := s.authorizeContracts(ctx, app, contract); err != nil {
		return nil, err
	}
	notes, err := s.store.ListNotes(ctx, contract, w)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(notes, func(n Note) bool { return notOwner(owners, n.SeatID) }), nil
}

// notOwner reports whether an owners filter leaves seat out.
func notOwner(owners []int64, seat int64) bool {
	return len(owners) > 0 && !slices.Contains(owners, seat)
}

// authorizeContracts checks CapCSA on every contract before anything is
// read: the first refusal refuses the call.
func (s *Service) authorizeContracts(ctx context.Context, app *App, contracts ...int64) error {
	for _, c := range contracts {
		if err := s.Authorize(ctx, app, ContractURN(c), CapCSA); err != nil {
			return err
		}
	}
	return nil
}

// MemberPersonURNs returns the person URNs of members by id, for the
// feeds, which name members by URN.
func (s *Service) MemberPersonURNs(ctx context.Context, ids []int64) (map[int64]string, error) {
	out := make(map[int64]string, len(ids))
	for _, id := range ids {
		if _, ok := out[id]; ok {
			continue
		}
		m, err := s.store.FindMemberByID(ctx, id)
		if err != nil {
			return nil, err
		}
		out[id] = m.PersonURN
	}
	return out, nil
}
