package linkedinsim

import (
	"context"
	"strconv"
	"strings"
	"time"
)

// This file holds the contract-level (CSA_API) domain: what Recruiter
// users do on LinkedIn that RSC hands to the ATS through seats/seatsV2,
// conversationEvents, mailStubs and prospectNotes (rsc-api.md §3.14–§3.17,
// §6.5; recruiter-surfaces.md A.6). The control API (csa_recruiter.go)
// writes it; the partner feeds (csa_feed.go) read it.

// Sender says who wrote an InMail message.
type Sender string

// The two sides of an InMail conversation.
const (
	SenderSeat   Sender = "seat"   // the Recruiter seat holder
	SenderMember Sender = "member" // the member replying
)

// Conversation is an InMail thread between one seat and one member,
// under the seat's contract.
type Conversation struct {
	ID         int64
	SeatID     int64
	ContractID int64
	MemberID   int64
	Subject    string
	CreatedAt  time.Time
}

// Message is one InMail of a conversation: the seat's first message or a
// member's reply. ShareProfile and ShareEmail are the member's consent to
// share contact info with the recruiter; they are false on seat messages.
type Message struct {
	ID             int64
	ConversationID int64
	SeatID         int64
	ContractID     int64
	MemberID       int64
	Sender         Sender
	Body           string
	ShareProfile   bool
	ShareEmail     bool
	SentAt         time.Time
}

// MailStub is the stub profile LinkedIn creates when a member replies to
// a Recruiter InMail and shares their profile (recruiter-surfaces.md A.6).
// Email is "" unless the member also shared it.
type MailStub struct {
	ID             int64
	ConversationID int64
	MessageID      int64
	SeatID         int64 // the owner: the seat that sent the InMail
	ContractID     int64
	MemberID       int64
	FirstName      string
	LastName       string
	Email          string
	CreatedAt      time.Time
}

// Note is a Recruiter prospect note a seat wrote about a member. Deleting
// it clears Active and bumps UpdatedAt, so the prospectNotes feed reports
// it as "active": false (rsc-api.md §3.17).
type Note struct {
	ID         int64
	SeatID     int64
	ContractID int64
	MemberID   int64
	Note       string
	Active     bool
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// Project is a Recruiter project of a contract, created by a seat.
type Project struct {
	ID         int64
	SeatID     int64
	ContractID int64
	Name       string
	CreatedAt  time.Time
}

// ProjectMember is a member saved to a project.
type ProjectMember struct {
	ProjectID int64
	MemberID  int64
	AddedAt   time.Time
}

// ContractSeat is a seat of a contract with the person holding it, as the
// seat finders return it.
type ContractSeat struct {
	Seat
	PersonURN string
	FirstName string
	LastName  string
}

// TimeWindow is a finder's time range [From, To): From inclusive, To
// exclusive. Each store method says how it applies it.
type TimeWindow struct {
	From time.Time
	To   time.Time
}

// CSAStore is the storage of the contract-level domain. Lookups return
// ENOTFOUND, never (nil, nil). Ids are assigned by the store.
type CSAStore interface {
	// CreateConversation inserts c and its first message m in one
	// transaction, setting both ids.
	CreateConversation(ctx context.Context, c *Conversation, m *Message) error
	// FindConversation returns one conversation.
	FindConversation(ctx context.Context, id int64) (*Conversation, error)
	// ListConversationMessages returns a conversation's messages by time.
	ListConversationMessages(ctx context.Context, conversationID int64) ([]Message, error)
	// AddReply inserts a member's reply and, when stub is not nil, the
	// conversation's stub unless it already has one; it sets the ids and
	// reports whether the stub was created.
	AddReply(ctx context.Context, m *Message, stub *MailStub) (bool, error)
	// FindConversationStub returns the stub of a conversation.
	FindConversationStub(ctx context.Context, conversationID int64) (*MailStub, error)
	// ListSeatMessages returns the messages of the seat's conversations
	// sent in w ([From, To)), by time.
	ListSeatMessages(ctx context.Context, seatID int64, w TimeWindow) ([]Message, error)
	// ListMailStubs returns the contract's stubs created in w ([From, To)),
	// by creation time, leaving out those of closed members.
	ListMailStubs(ctx context.Context, contractID int64, w TimeWindow) ([]MailStub, error)

	// CreateNote inserts n, setting its id.
	CreateNote(ctx context.Context, n *Note) error
	// FindNote returns one note, active or not.
	FindNote(ctx context.Context, id int64) (*Note, error)
	// UpdateNote replaces an active note's text and active flag; a note
	// already deleted is ECONFLICT.
	UpdateNote(ctx context.Context, id int64, text string, active bool, at time.Time) (*Note, error)
	// ListNotes returns the contract's notes last updated in (From, To],
	// deleted ones included, by update time.
	ListNotes(ctx context.Context, contractID int64, w TimeWindow) ([]Note, error)

	// CreateProject inserts p, setting its id; ECONFLICT when the contract
	// already has a project of that name.
	CreateProject(ctx context.Context, p *Project) error
	// FindProject returns one project.
	FindProject(ctx context.Context, id int64) (*Project, error)
	// AddProjectMember saves a member to a project unless already there,
	// and returns the membership and whether it was created.
	AddProjectMember(ctx context.Context, pm ProjectMember) (*ProjectMember, bool, error)
	// ListProjectMembers returns a project's members by time added.
	ListProjectMembers(ctx context.Context, projectID int64) ([]ProjectMember, error)

	// CloseMember marks an open member closed at at; ECONFLICT when the
	// member is closed already.
	CloseMember(ctx context.Context, memberID int64, at time.Time) error
	// MemberClosedAt returns when a member closed their profile.
	MemberClosedAt(ctx context.Context, memberID int64) (time.Time, error)
	// ListContractSeats returns a contract's seats with their holders, by
	// seat id.
	ListContractSeats(ctx context.Context, contractID int64) ([]ContractSeat, error)
}

// Limits of what a Recruiter user can type [INF: LinkedIn's InMail editor
// caps the subject at 200 and the body at 1,900 characters; notes are
// capped here at 2,000; project names at 100].
const (
	maxSubjectLen = 200
	maxBodyLen    = 1900
	maxNoteLen    = 2000
	maxProjectLen = 100
)

// ParseContractURN returns the id in urn:li:contract:{id}, or an EINVALID
// error.
func ParseContractURN(s string) (int64, error) { return parseNumericURN(s, contractURNPrefix) }

// ParseSeatURN returns the id in urn:li:seat:{id}, or an EINVALID error.
func ParseSeatURN(s string) (int64, error) { return parseNumericURN(s, seatURNPrefix) }

// actingSeat resolves field's seat URN to an active seat and its contract:
// the seat acts only within that contract. A missing value is 422, a
// malformed one 400, an unknown seat 404, an inactive one 409.
func (s *Service) actingSeat(ctx context.Context, field, urn string) (*Seat, *Contract, error) {
	if strings.TrimSpace(urn) == "" {
		return nil, nil, Errorf(EUNPROCESSABLE, "%s is required: the urn:li:seat of a Recruiter seat.", field)
	}
	seat, con, err := s.findSeat(ctx, field, urn)
	if err != nil {
		return nil, nil, err
	}
	if !seat.Active {
		return nil, nil, Errorf(ECONFLICT, "%s %s is not an active seat.", field, urn)
	}
	return seat, con, nil
}

// findSeat resolves field's seat URN to the seat and its contract, active
// or not: a malformed URN is 400, an unknown seat 404. Callers decide what
// an inactive seat means for them.
func (s *Service) findSeat(ctx context.Context, field, urn string) (*Seat, *Contract, error) {
	id, err := ParseSeatURN(urn)
	if err != nil {
		return nil, nil, Errorf(EINVALID, "%s must be a urn:li:seat:N, got %q.", field, urn)
	}
	seat, con, err := s.store.FindSeatContract(ctx, id)
	if ErrorCode(err) == ENOTFOUND {
		return nil, nil, Errorf(ENOTFOUND, "%s %s: seat not found.", field, urn)
	}
	return seat, con, err
}

// openMember resolves field's member reference (urn:li:person:…, or the
// member's numeric id) to a member whose profile is open. A missing value
// is 422, a malformed one 400, an unknown member 404, a closed one 409.
func (s *Service) openMember(ctx context.Context, field, ref string) (*Member, error) {
	m, err := s.member(ctx, field, ref)
	if err == nil && m.Closed {
		err = Errorf(ECONFLICT, "%s %s has closed their LinkedIn profile.", field, ref)
	}
	return m, err
}

// member resolves a member reference, closed or not.
func (s *Service) member(ctx context.Context, field, ref string) (*Member, error) {
	if strings.TrimSpace(ref) == "" {
		return nil, Errorf(EUNPROCESSABLE, "%s is required: a member's urn:li:person URN.", field)
	}
	var m *Member
	var err error
	if id, perr := strconv.ParseInt(ref, 10, 64); perr == nil && id > 0 {
		m, err = s.store.FindMemberByID(ctx, id)
	} else if strings.HasPrefix(ref, personURNPrefix) && len(ref) > len(personURNPrefix) {
		m, err = s.store.MatchMemberByPersonURN(ctx, ref)
	} else {
		return nil, Errorf(EINVALID, "%s must be a urn:li:person URN, got %q.", field, ref)
	}
	if ErrorCode(err) == ENOTFOUND {
		return nil, Errorf(ENOTFOUND, "%s %s: member not found.", field, ref)
	}
	return m, err
}

// requireText checks a typed text field: present (422) and not too long
// (422), both naming the field.
func requireText(field, v string, maxLen int) error {
	if strings.TrimSpace(v) == "" {
		return Errorf(EUNPROCESSABLE, "%s is required and must not be blank.", field)
	}
	if n := len([]rune(v)); n > maxLen {
		return Errorf(EUNPROCESSABLE, "%s is %d characters long; at most %d are allowed.", field, n, maxLen)
	}
	return nil
}
