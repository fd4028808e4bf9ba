package linkedinsim

import (
	"context"
	"strings"
)

// This file is what people do on LinkedIn that the CSA_API feeds expose:
// a seat holder sends an InMail, a member replies (and may share their
// profile and email), seat holders write prospect notes and save members
// to projects, and members close their profiles. The control API calls it
// now; the Recruiter UI of the next wave calls the same methods.

// InMailInput is a seat sending an InMail to a member.
type InMailInput struct {
	Seat    string // urn:li:seat:N, the sender
	Member  string // urn:li:person:…, the recipient
	Subject string
	Body    string
}

// SendInMail starts a conversation under the seat's contract with the
// seat's first message. The seat must be active and the member's profile
// open.
func (s *Service) SendInMail(ctx context.Context, in InMailInput) (*Conversation, *Message, error) {
	seat, con, err := s.actingSeat(ctx, "seat", in.Seat)
	if err != nil {
		return nil, nil, err
	}
	m, err := s.openMember(ctx, "member", in.Member)
	if err != nil {
		return nil, nil, err
	}
	if err := requireText("subject", in.Subject, maxSubjectLen); err != nil {
		return nil, nil, err
	}
	if err := requireText("body", in.Body, maxBodyLen); err != nil {
		return nil, nil, err
	}
	now := s.now().UTC()
	c := &Conversation{SeatID: seat.ID, ContractID: con.ID, MemberID: m.ID, Subject: in.Subject, CreatedAt: now}
	msg := &Message{SeatID: seat.ID, ContractID: con.ID, MemberID: m.ID, Sender: SenderSeat, Body: in.Body, SentAt: now}
	if err := s.store.CreateConversation(ctx, c, msg); err != nil {
		return nil, nil, err
	}
	return c, msg, nil
}

// ReplyInput is a member answering an InMail. ShareProfile is the
// "share contact info" box; ShareEmail adds the email to what is shared
// and needs ShareProfile.
type ReplyInput struct {
	Body         string
	ShareProfile bool
	ShareEmail   bool
}

// Reply is what ReplyToInMail did: the message and, when the member shared
// their profile, the conversation's stub (Created says whether this reply
// created it or an earlier one had).
type Reply struct {
	Message *Message
	Stub    *MailStub
	Created bool
}

// ReplyToInMail adds the member's reply to conversation id. A reply that
// shares the profile creates the conversation's stub profile (first and
// last name, the email only when shared too) unless an earlier reply did;
// a reply that shares nothing creates none (recruiter-surfaces.md A.6).
func (s *Service) ReplyToInMail(ctx context.Context, id int64, in ReplyInput) (*Reply, error) {
	c, err := s.store.FindConversation(ctx, id)
	if ErrorCode(err) == ENOTFOUND {
		return nil, Errorf(ENOTFOUND, "InMail %d not found.", id)
	} else if err != nil {
		return nil, err
	}
	if err := requireText("body", in.Body, maxBodyLen); err != nil {
		return nil, err
	}
	if in.ShareEmail && !in.ShareProfile {
		return nil, Errorf(EUNPROCESSABLE, "shareEmail needs shareProfile: a member shares their email only along with their profile.")
	}
	m, err := s.store.FindMemberByID(ctx, c.MemberID)
	if err != nil {
		return nil, err
	}
	if m.Closed {
		return nil, Errorf(ECONFLICT, "member %s has closed their LinkedIn profile and cannot reply.", m.PersonURN)
	}
	now := s.now().UTC()
	msg := &Message{ConversationID: c.ID, SeatID: c.SeatID, ContractID: c.ContractID, MemberID: c.MemberID,
		Sender: SenderMember, Body: in.Body, ShareProfile: in.ShareProfile, ShareEmail: in.ShareEmail, SentAt: now}
	var stub *MailStub
	if in.ShareProfile {
		stub = &MailStub{ConversationID: c.ID, SeatID: c.SeatID, ContractID: c.ContractID, MemberID: m.ID,
			FirstName: m.FirstName, LastName: m.LastName, CreatedAt: now}
		if in.ShareEmail {
			stub.Email = m.Email
		}
	}
	created, err := s.store.AddReply(ctx, msg, stub)
	if err != nil {
		return nil, err
	}
	out := &Reply{Message: msg, Created: created}
	if in.ShareProfile {
		if out.Stub, err = s.store.FindConversationStub(ctx, c.ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// NoteInput is a seat writing a prospect note about a member.
type NoteInput struct {
	Seat   string
	Member string
	Note   string
}

// CreateNote records a prospect note under the seat's contract.
func (s *Service) CreateNote(ctx context.Context, in NoteInput) (*Note, error) {
	seat, con, err := s.actingSeat(ctx, "seat", in.Seat)
	if err != nil {
		return nil, err
	}
	m, err := s.openMember(ctx, "member", in.Member)
	if err != nil {
		return nil, err
	}
	if err := requireText("note", in.Note, maxNoteLen); err != nil {
		return nil, err
	}
	now := s.now().UTC()
	n := &Note{SeatID: seat.ID, ContractID: con.ID, MemberID: m.ID, Note: in.Note, Active: true,
		CreatedAt: now, UpdatedAt: now}
	return n, s.store.CreateNote(ctx, n)
}

// EditNote replaces the text of an active note.
func (s *Service) EditNote(ctx context.Context, id int64, text string) (*Note, error) {
	if err := requireText("note", text, maxNoteLen); err != nil {
		return nil, err
	}
	return s.changeNote(ctx, id, text, true)
}

// DeleteNote deletes a note: the feed keeps reporting it, with
// "active": false, so the ATS deletes its copy (rsc-api.md §3.17).
func (s *Service) DeleteNote(ctx context.Context, id int64) (*Note, error) {
	return s.changeNote(ctx, id, "", false)
}

// changeNote updates a note that exists and is still active. A deleted
// note's text is cleared: the feed reports only that it is gone.
func (s *Service) changeNote(ctx context.Context, id int64, text string, active bool) (*Note, error) {
	n, err := s.store.UpdateNote(ctx, id, text, active, s.now().UTC())
	switch ErrorCode(err) {
	case ENOTFOUND:
		return nil, Errorf(ENOTFOUND, "Note %d not found.", id)
	case ECONFLICT:
		return nil, Errorf(ECONFLICT, "Note %d was deleted; it can no longer be changed.", id)
	}
	return n, err
}

// ProjectInput is a seat creating a Recruiter project.
type ProjectInput struct {
	Seat string
	Name string
}

// CreateProject creates a project of the seat's contract; names are unique
// within a contract (ECONFLICT).
func (s *Service) CreateProject(ctx context.Context, in ProjectInput) (*Project, error) {
	seat, con, err := s.actingSeat(ctx, "seat", in.Seat)
	if err != nil {
		return nil, err
	}
	if err := requireText("name", in.Name, maxProjectLen); err != nil {
		return nil, err
	}
	p := &Project{SeatID: seat.ID, ContractID: con.ID, Name: strings.TrimSpace(in.Name), CreatedAt: s.now().UTC()}
	err = s.store.CreateProject(ctx, p)
	if ErrorCode(err) == ECONFLICT {
		return nil, Errorf(ECONFLICT, "name: contract %s already has a project named %q.", ContractURN(con.ID), p.Name)
	}
	return p, err
}

// AddProjectMember saves a member to project id. Saving a member twice is
// not an error: it returns the first membership with created false.
func (s *Service) AddProjectMember(ctx context.Context, id int64, member string) (*ProjectMember, bool, error) {
	if _, err := s.store.FindProject(ctx, id); ErrorCode(err) == ENOTFOUND {
		return nil, false, Errorf(ENOTFOUND, "Project %d not found.", id)
	} else if err != nil {
		return nil, false, err
	}
	m, err := s.openMember(ctx, "member", member)
	if err != nil {
		return nil, false, err
	}
	return s.store.AddProjectMember(ctx, ProjectMember{ProjectID: id, MemberID: m.ID, AddedAt: s.now().UTC()})
}

// CloseMember closes a member's profile. From then on their stub profiles
// leave the mailStubs feed and nobody can InMail, note or save them; the
// InMail and note history stays, as it is the recruiters' own record.
func (s *Service) CloseMember(ctx context.Context, ref string) (*Member, error) {
	m, err := s.member(ctx, "member", ref)
	if err != nil {
		return nil, err
	}
	if err := s.store.CloseMember(ctx, m.ID, s.now().UTC()); ErrorCode(err) == ECONFLICT {
		return nil, Errorf(ECONFLICT, "member %s has already closed their profile.", m.PersonURN)
	} else if err != nil {
		return nil, err
	}
	m.Closed = true
	return m, nil
}
