package linkedinsim

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"attractor/internal/linkedinsim/restli"
)

// This file serves the contract-level retrieval finders (rsc-api.md
// §3.14–§3.17): seats, seatsV2, conversationEvents, mailStubs and
// prospectNotes. The paths, finder names and parameters are the
// documented ones; the element shapes are not documented (rsc-api.md §9),
// so they are [INF] and kept small: URNs for who and what, epoch
// milliseconds for when, and never an InMail subject or body (the feeds
// say that an exchange happened; recruiter-surfaces.md A.6).

// maxFeedCount caps count on these finders [INF: Rest.li finders cap the
// page; the Postman collection asks for at most 100 (seats, notes)].
const maxFeedCount = restli.MaxBatchSize

// seatWire is a seat as seats and seatsV2 return it [INF]: id is the seat
// id ("use as urn:li:seat:{id}", rsc-api.md §3.14), member the holder's
// person URN, which the ATS maps to its user.
type seatWire struct {
	ID        int64  `json:"id"`
	Seat      string `json:"seat"`
	Contract  string `json:"contract"`
	Member    string `json:"member"`
	FirstName string `json:"firstName"`
	LastName  string `json:"lastName"`
	Active    bool   `json:"active"`
	Admin     bool   `json:"admin"`
	State     string `json:"state"` // ACTIVE or INACTIVE, the seatsV2 states filter's values [INF]
}

// conversationEventWire is one InMail event [INF]: which seat, which
// member, which thread, what happened and when.
type conversationEventWire struct {
	ID         int64  `json:"id"`
	ThreadURN  string `json:"threadUrn"`
	Seat       string `json:"seat"`
	Contract   string `json:"contract"`
	Member     string `json:"member"`
	EventType  string `json:"eventType"` // INMAIL_SENT (seat → member) or INMAIL_RECEIVED (member → seat)
	OccurredAt int64  `json:"occurredAt"`
}

// mailStubWire is a stub profile [INF]. emailAddress is a string since
// Mar 2024 (rsc-api.md §3.13) and absent unless the member shared it.
type mailStubWire struct {
	ID           int64  `json:"id"`
	Owner        string `json:"owner"`
	Contract     string `json:"contract"`
	Member       string `json:"member"`
	ThreadURN    string `json:"threadUrn"`
	FirstName    string `json:"firstName"`
	LastName     string `json:"lastName"`
	EmailAddress string `json:"emailAddress,omitempty"`
	CreatedAt    int64  `json:"createdAt"`
}

// prospectNoteWire is a prospect note [INF]. A deleted note comes back
// with "active": false and without its text (rsc-api.md §3.17).
type prospectNoteWire struct {
	ID             int64  `json:"id"`
	Owner          string `json:"owner"`
	Contract       string `json:"contract"`
	Member         string `json:"member"`
	Note           string `json:"note,omitempty"`
	Active         bool   `json:"active"`
	CreatedAt      int64  `json:"createdAt"`
	LastModifiedAt int64  `json:"lastModifiedAt"`
}

// threadURN names an InMail conversation [INF: the 3P scrape names a
// threadUrn parameter; its URN type is not documented].
func threadURN(id int64) string { return "urn:li:inMailThread:" + strconv.FormatInt(id, 10) }

// handleSeats serves GET /v2/seats?q=seatsByAttributes&contracts=…
// [&active=true|false]&start=&count= (Postman row 31).
func (s *Server) handleSeats(w http.ResponseWriter, r *http.Request, app *App) error {
	q := restli.Query(r)
	if err := wantFinder(q, "seatsByAttributes"); err != nil {
		return err
	}
	keep := func(ContractSeat) bool { return true }
	if v := q.Get("active"); v != "" {
		active, err := strconv.ParseBool(v)
		if err != nil {
			return restli.Errorf(http.StatusBadRequest, "Parameter \"active\" must be true or false, got %q", v)
		}
		keep = func(cs ContractSeat) bool { return cs.Active == active }
	}
	return s.serveSeats(w, r, app, keep)
}

// handleSeatsV2 serves GET /v2/seatsV2?q=attributes&contracts=…
// [&states=ACTIVE|INACTIVE…]&start=&count= (rsc-api.md §3.14: contracts
// required and repeatable, start mandatory, default page 10).
func (s *Server) handleSeatsV2(w http.ResponseWriter, r *http.Request, app *App) error {
	q := restli.Query(r)
	if err := wantFinder(q, "attributes"); err != nil {
		return err
	}
	if err := restli.RequireQuery(q, "start"); err != nil {
		return err
	}
	states, err := listParam(q, "states", func(v string) (string, error) {
		if v != "ACTIVE" && v != "INACTIVE" {
			return "", restli.Errorf(http.StatusBadRequest, "Parameter \"states\" must be ACTIVE or INACTIVE, got %q", v)
		}
		return v, nil
	})
	if err != nil {
		return err
	}
	keep := func(cs ContractSeat) bool {
		return len(states) == 0 || slices.Contains(states, seatState(cs.Active))
	}
	return s.serveSeats(w, r, app, keep)
}

// serveSeats answers both seat finders: the contracts' seats that keep
// accepts, paged and projected.
func (s *Server) serveSeats(w http.ResponseWriter, r *http.Request, app *App, keep func(ContractSeat) bool) error {
	q := restli.Query(r)
	if err := restli.RequireQuery(q, "contracts"); err != nil {
		return err
	}
	contracts, err := listParam(q, "contracts", func(v string) (int64, error) { return urnParam("contracts", v, ParseContractURN) })
	if err != nil {
		return err
	}
	start, count, err := restli.ParsePaging(q, restli.DefaultPageSize, maxFeedCount)
	if err != nil {
		return err
	}
	seats, err := s.svc.ContractSeats(r.Context(), app, contracts)
	if err != nil {
		return err
	}
	var out []seatWire
	for _, cs := range seats {
		if keep(cs) {
			out = append(out, seatWire{ID: cs.ID, Seat: SeatURN(cs.ID), Contract: ContractURN(cs.ContractID),
				Member: cs.PersonURN, FirstName: cs.FirstName, LastName: cs.LastName, Active: cs.Active,
				Admin: cs.Admin, State: seatState(cs.Active)})
		}
	}
	return writeFeed(w, q, out, start, count)
}

func seatState(active bool) string {
	if active {
		return "ACTIVE"
	}
	return "INACTIVE"
}

// handleConversationEvents serves GET /v2/conversationEvents?q=criteria&
// viewer=urn:li:seat:…[&timeRange.start=ms][&timeRange.end=ms]
// [&threadUrn=…]&start=&count= (rsc-api.md §3.15): the viewer seat's
// sent and received InMails.
//
// The window is [timeRange.start, timeRange.end) [INF: the doc says start
// is inclusive and end "bound"; exclusive lets consecutive windows meet
// without overlap]. Both are optional [DOC]; a missing end is now and a
// missing start is end − 12 h [INF], and a window wider than 12 h is 400
// (≤ 12 h per call, rsc-api.md §3.15).
func (s *Server) handleConversationEvents(w http.ResponseWriter, r *http.Request, app *App) error {
	q := restli.Query(r)
	if err := wantFinder(q, "criteria"); err != nil {
		return err
	}
	if err := restli.RequireQuery(q, "viewer"); err != nil {
		return err
	}
	viewer, err := urnParam("viewer", q.Get("viewer"), ParseSeatURN)
	if err != nil {
		return err
	}
	win, err := s.window(q, "timeRange.start", "timeRange.end", true)
	if err != nil {
		return err
	}
	start, count, err := restli.ParsePaging(q, restli.DefaultPageSize, maxFeedCount)
	if err != nil {
		return err
	}
	msgs, err := s.svc.ConversationEvents(r.Context(), app, viewer, win)
	if err != nil {
		return err
	}
	urns, err := s.svc.MemberPersonURNs(r.Context(), memberURNsOf(msgs, func(m Message) int64 { return m.MemberID }))
	if err != nil {
		return err
	}
	thread := q.Get("threadUrn")
	out := []conversationEventWire{}
	for _, m := range msgs {
		ev := conversationEventWire{ID: m.ID, ThreadURN: threadURN(m.ConversationID), Seat: SeatURN(m.SeatID),
			Contract: ContractURN(m.ContractID), Member: urns[m.MemberID], EventType: "INMAIL_SENT",
			OccurredAt: m.SentAt.UnixMilli()}
		if m.Sender == SenderMember {
			ev.EventType = "INMAIL_RECEIVED"
		}
		if thread == "" || thread == ev.ThreadURN {
			out = append(out, ev)
		}
	}
	return writeFeed(w, q, out, start, count)
}

// handleMailStubs serves GET /v2/mailStubs?q=contract&contract=…
// [&owners=urn:li:seat:…]&createdDateStart=ms&createdDateEnd=ms&start=
// &count= (rsc-api.md §3.16): createdDateStart inclusive, createdDateEnd
// exclusive [DOC]. The doc sets no window limit for stubs, so none is
// enforced; a missing start is the epoch and a missing end now [INF].
func (s *Server) handleMailStubs(w http.ResponseWriter, r *http.Request, app *App) error {
	q := restli.Query(r)
	contract, owners, err := contractFinder(q, "contract")
	if err != nil {
		return err
	}
	win, err := s.window(q, "createdDateStart", "createdDateEnd", false)
	if err != nil {
		return err
	}
	start, count, err := restli.ParsePaging(q, restli.DefaultPageSize, maxFeedCount)
	if err != nil {
		return err
	}
	stubs, err := s.svc.MailStubs(r.Context(), app, contract, owners, win)
	if err != nil {
		return err
	}
	urns, err := s.svc.MemberPersonURNs(r.Context(), memberURNsOf(stubs, func(st MailStub) int64 { return st.MemberID }))
	if err != nil {
		return err
	}
	out := make([]mailStubWire, len(stubs))
	for i, st := range stubs {
		out[i] = mailStubWire{ID: st.ID, Owner: SeatURN(st.SeatID), Contract: ContractURN(st.ContractID),
			Member: urns[st.MemberID], ThreadURN: threadURN(st.ConversationID), FirstName: st.FirstName,
			LastName: st.LastName, EmailAddress: st.Email, CreatedAt: st.CreatedAt.UnixMilli()}
	}
	return writeFeed(w, q, out, start, count)
}

// handleProspectNotes serves GET /v2/prospectNotes?q=criteria&contract=…
// [&owners=urn:li:seat:…]&cutoffDate=ms&beforeDate=ms&start=&count=
// (rsc-api.md §3.17). Times are last-updated times; beforeDate is the
// inclusive upper bound [DOC] and cutoffDate the exclusive lower bound
// [INF: the doc only calls it the lower bound; exclusive lets consecutive
// windows meet without overlap]. A missing beforeDate is now and a missing
// cutoffDate is beforeDate − 12 h [INF]; a window wider than 12 h is 400
// (≤ 12 h per call, rsc-api.md §3.17).
func (s *Server) handleProspectNotes(w http.ResponseWriter, r *http.Request, app *App) error {
	q := restli.Query(r)
	contract, owners, err := contractFinder(q, "criteria")
	if err != nil {
		return err
	}
	win, err := s.window(q, "cutoffDate", "beforeDate", true)
	if err != nil {
		return err
	}
	start, count, err := restli.ParsePaging(q, restli.DefaultPageSize, maxFeedCount)
	if err != nil {
		return err
	}
	notes, err := s.svc.ProspectNotes(r.Context(), app, contract, owners, win)
	if err != nil {
		return err
	}
	urns, err := s.svc.MemberPersonURNs(r.Context(), memberURNsOf(notes, func(n Note) int64 { return n.MemberID }))
	if err != nil {
		return err
	}
	out := make([]prospectNoteWire, len(notes))
	for i, n := range notes {
		out[i] = prospectNoteWire{ID: n.ID, Owner: SeatURN(n.SeatID), Contract: ContractURN(n.ContractID),
			Member: urns[n.MemberID], Note: n.Note, Active: n.Active, CreatedAt: n.CreatedAt.UnixMilli(),
			LastModifiedAt: n.UpdatedAt.UnixMilli()}
	}
	return writeFeed(w, q, out, start, count)
}

// contractFinder checks q=finder and reads the mandatory contract and the
// optional, repeatable owners (rsc-api.md §3.16, §3.17).
func contractFinder(q url.Values, finder string) (int64, []int64, error) {
	if err := wantFinder(q, finder); err != nil {
		return 0, nil, err
	}
	if err := restli.RequireQuery(q, "contract"); err != nil {
		return 0, nil, err
	}
	if len(q["contract"]) > 1 {
		return 0, nil, restli.Errorf(http.StatusBadRequest, "Parameter \"contract\" is repeated; ask for one contract per call")
	}
	contract, err := urnParam("contract", q.Get("contract"), ParseContractURN)
	if err != nil {
		return 0, nil, err
	}
	owners, err := listParam(q, "owners", func(v string) (int64, error) { return urnParam("owners", v, ParseSeatURN) })
	return contract, owners, err
}

// window reads a time window from two epoch-millisecond parameters. With
// bounded, a missing end is now, a missing start is end − MaxFeedWindow
// and a wider window is 400; otherwise a missing start is the epoch, a
// missing end now, and any width goes. The end must lie after the start.
func (s *Server) window(q url.Values, startName, endName string, bounded bool) (TimeWindow, error) {
	end, hasEnd, err := millisParam(q, endName)
	if err != nil {
		return TimeWindow{}, err
	}
	if !hasEnd {
		end = s.svc.now()
	}
	start, hasStart, err := millisParam(q, startName)
	if err != nil {
		return TimeWindow{}, err
	}
	if !hasStart && bounded {
		start = end.Add(-MaxFeedWindow)
	}
	if !end.After(start) {
		return TimeWindow{}, restli.Errorf(http.StatusBadRequest, "Parameter %q (%d) must be after %q (%d)",
			endName, end.UnixMilli(), startName, start.UnixMilli())
	}
	if bounded && end.Sub(start) > MaxFeedWindow {
		return TimeWindow{}, restli.Errorf(http.StatusBadRequest,
			"Time range from %q to %q spans %s; at most 12 hours are allowed per call",
			startName, endName, end.Sub(start).Round(time.Second))
	}
	return TimeWindow{From: start, To: end}, nil
}

// millisParam parses an optional epoch-milliseconds parameter.
func millisParam(q url.Values, name string) (time.Time, bool, error) {
	vals, ok := q[name]
	if !ok || len(vals) == 1 && vals[0] == "" {
		return time.Time{}, false, nil // an empty value is an absent one [INF]
	}
	if len(vals) != 1 {
		return time.Time{}, false, restli.Errorf(http.StatusBadRequest, "Parameter %q is repeated", name)
	}
	ms, err := strconv.ParseInt(vals[0], 10, 64)
	if err != nil || ms < 0 {
		return time.Time{}, false, restli.Errorf(http.StatusBadRequest,
			"Parameter %q must be epoch milliseconds, got %q", name, vals[0])
	}
	return time.UnixMilli(ms).UTC(), true, nil
}

// wantFinder requires q=name.
func wantFinder(q url.Values, name string) error {
	if got := q.Get("q"); got != name {
		return restli.Errorf(http.StatusBadRequest, "Unsupported finder q=%q; use q=%s", got, name)
	}
	return nil
}

// listParam parses a repeatable parameter, each value also allowed to be
// a comma-separated list [INF: Rest.li 1.0 repeats the parameter]; empty
// values are skipped.
func listParam[T any](q url.Values, name string, parse func(string) (T, error)) ([]T, error) {
	var out []T
	for _, raw := range q[name] {
		for _, v := range strings.Split(raw, ",") {
			if v = strings.TrimSpace(v); v == "" {
				continue // owners= left empty filters nothing [INF]
			}
			t, err := parse(v)
			if err != nil {
				return nil, err
			}
			out = append(out, t)
		}
	}
	return out, nil
}

// urnParam parses one URN-valued parameter, 400 naming it when malformed.
func urnParam(name, v string, parse func(string) (int64, error)) (int64, error) {
	id, err := parse(v)
	if err != nil {
		return 0, restli.Errorf(http.StatusBadRequest, "Parameter %q: %s", name, ErrorMessage(err))
	}
	return id, nil
}

// memberURNsOf lists the member ids of items, for MemberPersonURNs.
func memberURNsOf[T any](items []T, id func(T) int64) []int64 {
	ids := make([]int64, len(items))
	for i, it := range items {
		ids[i] = id(it)
	}
	return ids
}

// writeFeed pages out, applies the fields= projection to each element of
// the page and writes the finder envelope.
func writeFeed[T any](w http.ResponseWriter, q url.Values, out []T, start, count int) error {
	mask, err := restli.ParseFields(q.Get("fields"))
	if err != nil {
		return err
	}
	if out == nil {
		out = []T{}
	}
	page := restli.Page(out, start, count)
	if mask != nil {
		els := page.Elements.([]T)
		proj := make([]json.RawMessage, len(els))
		for i, el := range els {
			raw, err := json.Marshal(el)
			if err != nil {
				return err
			}
			if proj[i], err = mask.ApplyJSON(raw); err != nil {
				return err
			}
		}
		page.Elements = proj
	}
	restli.WriteJSON(w, http.StatusOK, page)
	return nil
}
