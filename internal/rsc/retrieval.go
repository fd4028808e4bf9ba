package rsc

import (
	"context"
	"net/http"
	"strconv"
)

// This file holds the finders that fetch data back from LinkedIn: 1-Click
// Export (rsc-api.md §3.13) and the contract-level CSA_API retrieval
// (§3.14–§3.17). Their element shapes are only partly documented ([INF] in
// rsc-api.md); fields LinkedIn adds are ignored.

// find runs a finder and decodes one page.
func find[T any](ctx context.Context, cl *Client, path string, q query) ([]T, Paging, error) {
	var p page[T]
	if err := cl.do(ctx, call{method: http.MethodGet, path: path + q.String(), records: 1}, &p); err != nil {
		return nil, Paging{}, err
	}
	return p.Elements, p.Paging, nil
}

// PageRequest selects a finder page; Count 0 leaves LinkedIn's default (10).
type PageRequest struct{ Start, Count int }

// add appends start (always: seatsV2 fails without it) and count.
func (p PageRequest) add(q query) query {
	q = q.add("start", strconv.Itoa(p.Start))
	if p.Count > 0 {
		q = q.add("count", strconv.Itoa(p.Count))
	}
	return q
}

// ExportedCandidate is a member a recruiter exported to an ATS job
// (rsc-api.md §3.13). Check IntegrationContext against the customer whose
// callback got the push before trusting it (§4).
type ExportedCandidate struct {
	RequestID            string      `json:"requestId"`
	IntegrationContext   string      `json:"integrationContext"`
	ExternalJobPostingID string      `json:"externalJobPostingId"`
	Candidate            StubProfile `json:"candidate"`
	Exporter             struct {
		Seat     string `json:"seat"`
		Member   string `json:"member"`
		Contract string `json:"contract"`
	} `json:"exporter"`
	ExportedAt int64 `json:"exportedAt"`
}

// StubProfile is the exported member's stub profile.
type StubProfile struct {
	Member               string   `json:"member"`
	FirstName            string   `json:"firstName"`
	LastName             string   `json:"lastName"`
	Headline             string   `json:"headline"`
	CurrentEmployerNames []string `json:"currentEmployerNames"`
	CurrentJobTitle      string   `json:"currentJobTitle"`
	Location             string   `json:"location"`
	ProfileURL           string   `json:"profileUrl"`
	EmailAddress         string   `json:"emailAddress,omitempty"`
}

// ExportedCandidates fetches what an EXPORT_CANDIDATE_PROFILE push points
// at (rsc-api.md §3.13, §4).
func (cl *Client) ExportedCandidates(ctx context.Context, requestID string) ([]ExportedCandidate, error) {
	els, _, err := find[ExportedCandidate](ctx, cl, "/v2/exportedCandidates",
		query{}.add("q", "request").add("requestId", requestID))
	return els, err
}

// Seat is a Recruiter seat; ATS users are matched to seats by Member, their
// person URN (rsc-api.md §3.14).
type Seat struct {
	ID        int64  `json:"id"`
	Seat      string `json:"seat"`
	Contract  string `json:"contract"`
	Member    string `json:"member"`
	FirstName string `json:"firstName"`
	LastName  string `json:"lastName"`
	Active    bool   `json:"active"`
	Admin     bool   `json:"admin"`
	State     string `json:"state"`
}

// Seats runs the seatsV2 attributes finder for contracts, optionally
// filtered by states (ACTIVE, INACTIVE) (rsc-api.md §3.14).
func (cl *Client) Seats(ctx context.Context, contracts, states []string, p PageRequest) ([]Seat, Paging, error) {
	q := query{}.add("q", "attributes")
	for _, c := range contracts {
		q = q.add("contracts", c)
	}
	for _, s := range states {
		q = q.add("states", s)
	}
	return find[Seat](ctx, cl, "/v2/seatsV2", p.add(q))
}

// ConversationEvent is one InMail sent or received by a seat (rsc-api.md
// §3.15).
type ConversationEvent struct {
	ID         int64  `json:"id"`
	ThreadURN  string `json:"threadUrn"`
	Seat       string `json:"seat"`
	Contract   string `json:"contract"`
	Member     string `json:"member"`
	EventType  string `json:"eventType"`
	OccurredAt int64  `json:"occurredAt"`
}

// ConversationEvents runs the criteria finder for one viewer seat over
// [fromMs, toMs); LinkedIn asks for windows of at most 12 hours
// (rsc-api.md §3.15). Zero bounds are left out.
func (cl *Client) ConversationEvents(ctx context.Context, viewer string, fromMs, toMs int64, p PageRequest) ([]ConversationEvent, Paging, error) {
	q := query{}.add("q", "criteria").add("viewer", viewer)
	q = addMillis(addMillis(q, "timeRange.start", fromMs), "timeRange.end", toMs)
	return find[ConversationEvent](ctx, cl, "/v2/conversationEvents", p.add(q))
}

// MailStub is a member who replied to an InMail and shared contact
// information (rsc-api.md §3.16).
type MailStub struct {
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

// MailStubs runs the contract finder for stubs created in [fromMs, toMs),
// optionally for some owner seats (rsc-api.md §3.16).
func (cl *Client) MailStubs(ctx context.Context, contract string, owners []string, fromMs, toMs int64, p PageRequest) ([]MailStub, Paging, error) {
	q := addOwners(query{}.add("q", "contract").add("contract", contract), owners)
	q = addMillis(addMillis(q, "createdDateStart", fromMs), "createdDateEnd", toMs)
	return find[MailStub](ctx, cl, "/v2/mailStubs", p.add(q))
}

// ProspectNote is a Recruiter note on a member; Active false means it was
// deleted (rsc-api.md §3.17).
type ProspectNote struct {
	ID             int64  `json:"id"`
	Owner          string `json:"owner"`
	Contract       string `json:"contract"`
	Member         string `json:"member"`
	Note           string `json:"note,omitempty"`
	Active         bool   `json:"active"`
	CreatedAt      int64  `json:"createdAt"`
	LastModifiedAt int64  `json:"lastModifiedAt"`
}

// ProspectNotes runs the criteria finder for notes last updated between
// cutoffMs and beforeMs (rsc-api.md §3.17).
func (cl *Client) ProspectNotes(ctx context.Context, contract string, owners []string, cutoffMs, beforeMs int64, p PageRequest) ([]ProspectNote, Paging, error) {
	q := addOwners(query{}.add("q", "criteria").add("contract", contract), owners)
	q = addMillis(addMillis(q, "cutoffDate", cutoffMs), "beforeDate", beforeMs)
	return find[ProspectNote](ctx, cl, "/v2/prospectNotes", p.add(q))
}

func addOwners(q query, owners []string) query {
	for _, o := range owners {
		q = q.add("owners", o)
	}
	return q
}

func addMillis(q query, name string, ms int64) query {
	if ms == 0 {
		return q
	}
	return q.add(name, strconv.FormatInt(ms, 10))
}
