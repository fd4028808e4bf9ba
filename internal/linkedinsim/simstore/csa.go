package simstore

import (
	"context"
	"database/sql"
	"time"

	"attractor/internal/linkedinsim"
	"attractor/internal/linkedinsim/simstore/simdb"
	"attractor/internal/sqldb"
)

// This file implements linkedinsim.CSAStore: InMail, stubs, prospect
// notes, projects and closed profiles (migration 00006_csa.sql). Ids come
// from named counters created on first use.

// Counter names of the CSA sequences.
const (
	conversationSequence = "csa_conversation"
	messageSequence      = "csa_message"
	stubSequence         = "csa_mail_stub"
	noteSequence         = "csa_note"
	projectSequence      = "csa_project"
)

// CreateConversation inserts a conversation and its first message.
func (s *Store) CreateConversation(ctx context.Context, c *linkedinsim.Conversation, m *linkedinsim.Message) error {
	return s.update(ctx, func(q *simdb.Queries, _ *sql.Tx) error {
		id, err := q.NextSyncSequence(ctx, conversationSequence)
		if err != nil {
			return wrap(err, "next conversation id")
		}
		c.ID, c.CreatedAt = id, sqldb.UTC(c.CreatedAt)
		err = q.InsertCSAConversation(ctx, simdb.InsertCSAConversationParams{ID: c.ID, SeatID: c.SeatID,
			ContractID: c.ContractID, MemberID: c.MemberID, Subject: c.Subject, CreatedAt: c.CreatedAt})
		if err != nil {
			return wrap(err, "insert conversation")
		}
		m.ConversationID = c.ID
		return insertMessage(ctx, q, m)
	})
}

// insertMessage inserts m with a new id.
func insertMessage(ctx context.Context, q *simdb.Queries, m *linkedinsim.Message) error {
	id, err := q.NextSyncSequence(ctx, messageSequence)
	if err != nil {
		return wrap(err, "next message id")
	}
	m.ID, m.SentAt = id, sqldb.UTC(m.SentAt)
	err = q.InsertCSAMessage(ctx, simdb.InsertCSAMessageParams{ID: m.ID, ConversationID: m.ConversationID,
		SeatID: m.SeatID, ContractID: m.ContractID, MemberID: m.MemberID, Sender: string(m.Sender), Body: m.Body,
		ShareProfile: m.ShareProfile, ShareEmail: m.ShareEmail, SentAt: m.SentAt})
	return wrap(err, "insert message")
}

// FindConversation returns one conversation.
func (s *Store) FindConversation(ctx context.Context, id int64) (*linkedinsim.Conversation, error) {
	r, err := s.read().GetCSAConversation(ctx, id)
	if err != nil {
		return nil, lookup(err, "Conversation", "get conversation")
	}
	return &linkedinsim.Conversation{ID: r.ID, SeatID: r.SeatID, ContractID: r.ContractID, MemberID: r.MemberID,
		Subject: r.Subject, CreatedAt: r.CreatedAt.UTC()}, nil
}

// ListConversationMessages returns a conversation's messages by time.
func (s *Store) ListConversationMessages(ctx context.Context, conversationID int64) ([]linkedinsim.Message, error) {
	rows, err := s.read().ListCSAMessagesOfConversation(ctx, conversationID)
	return messagesFrom(rows), wrap(err, "list conversation messages")
}

// AddReply inserts a reply and, when stub is given, the conversation's
// stub unless it has one.
func (s *Store) AddReply(ctx context.Context, m *linkedinsim.Message, stub *linkedinsim.MailStub) (bool, error) {
	var created bool
	err := s.update(ctx, func(q *simdb.Queries, _ *sql.Tx) error {
		if err := insertMessage(ctx, q, m); err != nil {
			return err
		}
		if stub == nil {
			return nil
		}
		id, err := q.NextSyncSequence(ctx, stubSequence)
		if err != nil {
			return wrap(err, "next stub id")
		}
		stub.ID, stub.MessageID, stub.CreatedAt = id, m.ID, sqldb.UTC(stub.CreatedAt)
		n, err := q.InsertCSAMailStub(ctx, simdb.InsertCSAMailStubParams{ID: stub.ID,
			ConversationID: stub.ConversationID, MessageID: stub.MessageID, SeatID: stub.SeatID,
			ContractID: stub.ContractID, MemberID: stub.MemberID, FirstName: stub.FirstName,
			LastName: stub.LastName, Email: stub.Email, CreatedAt: stub.CreatedAt})
		created = n == 1
		return wrap(err, "insert stub")
	})
	return created, err
}

// FindConversationStub returns the stub of a conversation.
func (s *Store) FindConversationStub(ctx context.Context, conversationID int64) (*linkedinsim.MailStub, error) {
	r, err := s.read().GetCSAMailStubOfConversation(ctx, conversationID)
	if err != nil {
		return nil, lookup(err, "Stub profile", "get stub")
	}
	st := stubFrom(r)
	return &st, nil
}

// ListSeatMessages returns the seat's messages sent in [From, To).
func (s *Store) ListSeatMessages(ctx context.Context, seatID int64, w linkedinsim.TimeWindow) ([]linkedinsim.Message, error) {
	rows, err := s.read().ListCSASeatMessages(ctx, simdb.ListCSASeatMessagesParams{SeatID: seatID,
		SentAt: sqldb.UTC(w.From), SentAt_2: sqldb.UTC(w.To)})
	return messagesFrom(rows), wrap(err, "list seat messages")
}

// ListMailStubs returns the contract's stubs created in [From, To) whose
// members are not closed.
func (s *Store) ListMailStubs(ctx context.Context, contractID int64, w linkedinsim.TimeWindow) ([]linkedinsim.MailStub, error) {
	rows, err := s.read().ListCSAMailStubs(ctx, simdb.ListCSAMailStubsParams{ContractID: contractID,
		CreatedAt: sqldb.UTC(w.From), CreatedAt_2: sqldb.UTC(w.To)})
	if err != nil {
		return nil, wrap(err, "list stubs")
	}
	out := make([]linkedinsim.MailStub, len(rows))
	for i, r := range rows {
		out[i] = stubFrom(r)
	}
	return out, nil
}

// CreateNote inserts a note with a new id.
func (s *Store) CreateNote(ctx context.Context, n *linkedinsim.Note) error {
	return s.update(ctx, func(q *simdb.Queries, _ *sql.Tx) error {
		id, err := q.NextSyncSequence(ctx, noteSequence)
		if err != nil {
			return wrap(err, "next note id")
		}
		n.ID, n.CreatedAt, n.UpdatedAt = id, sqldb.UTC(n.CreatedAt), sqldb.UTC(n.UpdatedAt)
		err = q.InsertCSANote(ctx, simdb.InsertCSANoteParams{ID: n.ID, SeatID: n.SeatID, ContractID: n.ContractID,
			MemberID: n.MemberID, Note: n.Note, Active: n.Active, CreatedAt: n.CreatedAt, UpdatedAt: n.UpdatedAt})
		return wrap(err, "insert note")
	})
}

// FindNote returns one note.
func (s *Store) FindNote(ctx context.Context, id int64) (*linkedinsim.Note, error) {
	r, err := s.read().GetCSANote(ctx, id)
	if err != nil {
		return nil, lookup(err, "Note", "get note")
	}
	n := noteFrom(r)
	return &n, nil
}

// UpdateNote changes an active note; a deleted one is ECONFLICT, a
// missing one ENOTFOUND.
func (s *Store) UpdateNote(ctx context.Context, id int64, text string, active bool, at time.Time) (*linkedinsim.Note, error) {
	var out linkedinsim.Note
	err := s.update(ctx, func(q *simdb.Queries, _ *sql.Tx) error {
		n, err := q.UpdateCSANote(ctx, simdb.UpdateCSANoteParams{ID: id, Note: text, Active: active,
			UpdatedAt: sqldb.UTC(at)})
		if err != nil {
			return wrap(err, "update note")
		}
		r, err := q.GetCSANote(ctx, id)
		if err != nil {
			return lookup(err, "Note", "get note")
		}
		if n == 0 {
			return linkedinsim.Errorf(linkedinsim.ECONFLICT, "Note %d was deleted.", id)
		}
		out = noteFrom(r)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// ListNotes returns the contract's notes last updated in (From, To].
func (s *Store) ListNotes(ctx context.Context, contractID int64, w linkedinsim.TimeWindow) ([]linkedinsim.Note, error) {
	rows, err := s.read().ListCSANotes(ctx, simdb.ListCSANotesParams{ContractID: contractID,
		UpdatedAt: sqldb.UTC(w.From), UpdatedAt_2: sqldb.UTC(w.To)})
	if err != nil {
		return nil, wrap(err, "list notes")
	}
	out := make([]linkedinsim.Note, len(rows))
	for i, r := range rows {
		out[i] = noteFrom(r)
	}
	return out, nil
}

// CreateProject inserts a project; a name taken in the contract is
// ECONFLICT.
func (s *Store) CreateProject(ctx context.Context, p *linkedinsim.Project) error {
	return s.update(ctx, func(q *simdb.Queries, _ *sql.Tx) error {
		id, err := q.NextSyncSequence(ctx, projectSequence)
		if err != nil {
			return wrap(err, "next project id")
		}
		p.ID, p.CreatedAt = id, sqldb.UTC(p.CreatedAt)
		err = q.InsertCSAProject(ctx, simdb.InsertCSAProjectParams{ID: p.ID, SeatID: p.SeatID,
			ContractID: p.ContractID, Name: p.Name, CreatedAt: p.CreatedAt})
		return wrap(err, "insert project")
	})
}

// FindProject returns one project.
func (s *Store) FindProject(ctx context.Context, id int64) (*linkedinsim.Project, error) {
	r, err := s.read().GetCSAProject(ctx, id)
	if err != nil {
		return nil, lookup(err, "Project", "get project")
	}
	return &linkedinsim.Project{ID: r.ID, SeatID: r.SeatID, ContractID: r.ContractID, Name: r.Name,
		CreatedAt: r.CreatedAt.UTC()}, nil
}

// AddProjectMember saves a member to a project unless already saved.
func (s *Store) AddProjectMember(ctx context.Context, pm linkedinsim.ProjectMember) (*linkedinsim.ProjectMember, bool, error) {
	var out linkedinsim.ProjectMember
	var created bool
	err := s.update(ctx, func(q *simdb.Queries, _ *sql.Tx) error {
		n, err := q.InsertCSAProjectMember(ctx, simdb.InsertCSAProjectMemberParams{ProjectID: pm.ProjectID,
			MemberID: pm.MemberID, AddedAt: sqldb.UTC(pm.AddedAt)})
		if err != nil {
			return wrap(err, "insert project member")
		}
		created = n == 1
		r, err := q.GetCSAProjectMember(ctx, simdb.GetCSAProjectMemberParams{ProjectID: pm.ProjectID,
			MemberID: pm.MemberID})
		if err != nil {
			return lookup(err, "Project member", "get project member")
		}
		out = linkedinsim.ProjectMember{ProjectID: r.ProjectID, MemberID: r.MemberID, AddedAt: r.AddedAt.UTC()}
		return nil
	})
	if err != nil {
		return nil, false, err
	}
	return &out, created, nil
}

// ListProjectMembers returns a project's members.
func (s *Store) ListProjectMembers(ctx context.Context, projectID int64) ([]linkedinsim.ProjectMember, error) {
	rows, err := s.read().ListCSAProjectMembers(ctx, projectID)
	if err != nil {
		return nil, wrap(err, "list project members")
	}
	out := make([]linkedinsim.ProjectMember, len(rows))
	for i, r := range rows {
		out[i] = linkedinsim.ProjectMember{ProjectID: r.ProjectID, MemberID: r.MemberID, AddedAt: r.AddedAt.UTC()}
	}
	return out, nil
}

// CloseMember flags an open member closed and records when.
func (s *Store) CloseMember(ctx context.Context, memberID int64, at time.Time) error {
	return s.update(ctx, func(q *simdb.Queries, _ *sql.Tx) error {
		n, err := q.CloseCSAMember(ctx, memberID)
		if err != nil {
			return wrap(err, "close member")
		}
		if n == 0 {
			if _, err := q.GetMember(ctx, memberID); err != nil {
				return lookup(err, "Member", "get member")
			}
			return linkedinsim.Errorf(linkedinsim.ECONFLICT, "Member %d is closed already.", memberID)
		}
		err = q.InsertCSAMemberClosure(ctx, simdb.InsertCSAMemberClosureParams{MemberID: memberID, ClosedAt: sqldb.UTC(at)})
		return wrap(err, "insert member closure")
	})
}

// MemberClosedAt returns when a member closed their profile.
func (s *Store) MemberClosedAt(ctx context.Context, memberID int64) (time.Time, error) {
	r, err := s.read().GetCSAMemberClosure(ctx, memberID)
	if err != nil {
		return time.Time{}, lookup(err, "Member closure", "get member closure")
	}
	return r.ClosedAt.UTC(), nil
}

// ListContractSeats returns a contract's seats with their holders.
func (s *Store) ListContractSeats(ctx context.Context, contractID int64) ([]linkedinsim.ContractSeat, error) {
	rows, err := s.read().ListCSAContractSeats(ctx, contractID)
	if err != nil {
		return nil, wrap(err, "list contract seats")
	}
	out := make([]linkedinsim.ContractSeat, len(rows))
	for i, r := range rows {
		out[i] = linkedinsim.ContractSeat{Seat: linkedinsim.Seat{ID: r.ID, ContractID: r.ContractID,
			MemberID: r.MemberID, Admin: r.IsAdmin, Active: r.Active, CreatedAt: r.CreatedAt.UTC()},
			PersonURN: r.PersonUrn, FirstName: r.FirstName, LastName: r.LastName}
	}
	return out, nil
}

func messagesFrom(rows []simdb.CsaMessage) []linkedinsim.Message {
	out := make([]linkedinsim.Message, len(rows))
	for i, r := range rows {
		out[i] = linkedinsim.Message{ID: r.ID, ConversationID: r.ConversationID, SeatID: r.SeatID,
			ContractID: r.ContractID, MemberID: r.MemberID, Sender: linkedinsim.Sender(r.Sender), Body: r.Body,
			ShareProfile: r.ShareProfile, ShareEmail: r.ShareEmail, SentAt: r.SentAt.UTC()}
	}
	return out
}

func stubFrom(r simdb.CsaMailStub) linkedinsim.MailStub {
	return linkedinsim.MailStub{ID: r.ID, ConversationID: r.ConversationID, MessageID: r.MessageID,
		SeatID: r.SeatID, ContractID: r.ContractID, MemberID: r.MemberID, FirstName: r.FirstName,
		LastName: r.LastName, Email: r.Email, CreatedAt: r.CreatedAt.UTC()}
}

func noteFrom(r simdb.CsaNote) linkedinsim.Note {
	return linkedinsim.Note{ID: r.ID, SeatID: r.SeatID, ContractID: r.ContractID, MemberID: r.MemberID,
		Note: r.Note, Active: r.Active, CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC()}
}
