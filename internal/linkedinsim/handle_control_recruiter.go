package linkedinsim

import (
	"net/http"
	"strconv"
)

// This file is the control API for what Recruiter users and members do
// (csa_recruiter.go): InMails and replies, prospect notes, projects and
// closing a profile. Bad input gets the partner API's error quality: 400
// malformed, 404 unknown, 409 conflicting state, 415 not JSON, 422 missing
// or invalid fields, each naming the field.

// inMailWire is an InMail conversation as the control API returns it.
type inMailWire struct {
	ID        int64  `json:"id"`
	ThreadURN string `json:"threadUrn"`
	Seat      string `json:"seat"`
	Contract  string `json:"contract"`
	Member    string `json:"member"`
	Subject   string `json:"subject"`
	Body      string `json:"body"`
	SentAt    int64  `json:"sentAt"`
}

// replyWire is a member's reply and the stub it created or found.
type replyWire struct {
	ID           int64            `json:"id"`
	InMail       int64            `json:"inmail"`
	Body         string           `json:"body"`
	ShareProfile bool             `json:"shareProfile"`
	ShareEmail   bool             `json:"shareEmail"`
	SentAt       int64            `json:"sentAt"`
	Stub         *stubCreatedWire `json:"stub"` // null when the reply shared nothing
}

// stubCreatedWire is a stub in a reply answer; created says whether this
// reply created it.
type stubCreatedWire struct {
	ID           int64  `json:"id"`
	FirstName    string `json:"firstName"`
	LastName     string `json:"lastName"`
	EmailAddress string `json:"emailAddress,omitempty"`
	CreatedAt    int64  `json:"createdAt"`
	Created      bool   `json:"created"`
}

// noteWire is a prospect note as the control API returns it.
type noteWire struct {
	ID             int64  `json:"id"`
	Seat           string `json:"seat"`
	Contract       string `json:"contract"`
	Member         string `json:"member"`
	Note           string `json:"note"`
	Active         bool   `json:"active"`
	CreatedAt      int64  `json:"createdAt"`
	LastModifiedAt int64  `json:"lastModifiedAt"`
}

// projectWire is a Recruiter project.
type projectWire struct {
	ID        int64  `json:"id"`
	Seat      string `json:"seat"`
	Contract  string `json:"contract"`
	Name      string `json:"name"`
	CreatedAt int64  `json:"createdAt"`
}

// handleInMailCreate serves POST /sim/v1/inmails
// {"seat","member","subject","body"}: 201 with the conversation.
func (s *Server) handleInMailCreate(w http.ResponseWriter, r *http.Request) error {
	var in struct{ Seat, Member, Subject, Body string }
	if err := decodeStrict(r, &in, []string{"seat", "member", "subject", "body"}); err != nil {
		return err
	}
	c, m, err := s.svc.SendInMail(r.Context(), InMailInput(in))
	if err != nil {
		return err
	}
	person, err := s.personURN(r, c.MemberID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, inMailWire{ID: c.ID, ThreadURN: threadURN(c.ID), Seat: SeatURN(c.SeatID),
		Contract: ContractURN(c.ContractID), Member: person, Subject: c.Subject, Body: m.Body, SentAt: millis(m.SentAt)})
	return nil
}

// handleInMailReply serves POST /sim/v1/inmails/{id}/replies
// {"body","shareProfile","shareEmail"}: 201 with the reply and its stub.
func (s *Server) handleInMailReply(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var in struct {
		Body         string `json:"body"`
		ShareProfile bool   `json:"shareProfile"`
		ShareEmail   bool   `json:"shareEmail"`
	}
	if err := decodeStrict(r, &in, []string{"body", "shareProfile", "shareEmail"}); err != nil {
		return err
	}
	rep, err := s.svc.ReplyToInMail(r.Context(), id, ReplyInput(in))
	if err != nil {
		return err
	}
	m := rep.Message
	out := replyWire{ID: m.ID, InMail: m.ConversationID, Body: m.Body, ShareProfile: m.ShareProfile,
		ShareEmail: m.ShareEmail, SentAt: millis(m.SentAt)}
	if st := rep.Stub; st != nil {
		out.Stub = &stubCreatedWire{ID: st.ID, FirstName: st.FirstName, LastName: st.LastName,
			EmailAddress: st.Email, CreatedAt: millis(st.CreatedAt), Created: rep.Created}
	}
	writeJSON(w, http.StatusCreated, out)
	return nil
}

// handleNoteCreate serves POST /sim/v1/notes {"seat","member","note"}.
func (s *Server) handleNoteCreate(w http.ResponseWriter, r *http.Request) error {
	var in struct{ Seat, Member, Note string }
	if err := decodeStrict(r, &in, []string{"seat", "member", "note"}); err != nil {
		return err
	}
	n, err := s.svc.CreateNote(r.Context(), NoteInput(in))
	if err != nil {
		return err
	}
	return s.writeNote(w, r, http.StatusCreated, n)
}

// handleNoteUpdate serves PATCH /sim/v1/notes/{id} {"note"}.
func (s *Server) handleNoteUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var in struct{ Note string }
	if err := decodeStrict(r, &in, []string{"note"}); err != nil {
		return err
	}
	n, err := s.svc.EditNote(r.Context(), id, in.Note)
	if err != nil {
		return err
	}
	return s.writeNote(w, r, http.StatusOK, n)
}

// handleNoteDelete serves DELETE /sim/v1/notes/{id}: 200 with the note,
// now "active": false.
func (s *Server) handleNoteDelete(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	n, err := s.svc.DeleteNote(r.Context(), id)
	if err != nil {
		return err
	}
	return s.writeNote(w, r, http.StatusOK, n)
}

func (s *Server) writeNote(w http.ResponseWriter, r *http.Request, status int, n *Note) error {
	person, err := s.personURN(r, n.MemberID)
	if err != nil {
		return err
	}
	writeJSON(w, status, noteWire{ID: n.ID, Seat: SeatURN(n.SeatID), Contract: ContractURN(n.ContractID),
		Member: person, Note: n.Note, Active: n.Active, CreatedAt: millis(n.CreatedAt),
		LastModifiedAt: millis(n.UpdatedAt)})
	return nil
}

// handleProjectCreate serves POST /sim/v1/projects {"seat","name"}.
func (s *Server) handleProjectCreate(w http.ResponseWriter, r *http.Request) error {
	var in struct{ Seat, Name string }
	if err := decodeStrict(r, &in, []string{"seat", "name"}); err != nil {
		return err
	}
	p, err := s.svc.CreateProject(r.Context(), ProjectInput(in))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, projectWire{ID: p.ID, Seat: SeatURN(p.SeatID), Contract: ContractURN(p.ContractID),
		Name: p.Name, CreatedAt: millis(p.CreatedAt)})
	return nil
}

// handleProjectMemberPut serves PUT /sim/v1/projects/{id}/members/{member}
// (no body): 201 when the member is newly saved, 200 when already there.
func (s *Server) handleProjectMemberPut(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	pm, created, err := s.svc.AddProjectMember(r.Context(), id, r.PathValue("member"))
	if err != nil {
		return err
	}
	person, err := s.personURN(r, pm.MemberID)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	writeJSON(w, status, map[string]any{"project": pm.ProjectID, "member": person, "addedAt": millis(pm.AddedAt)})
	return nil
}

// handleMemberClose serves POST /sim/v1/members/{id}/close: the member
// (urn:li:person:… or numeric id) closes their profile.
func (s *Server) handleMemberClose(w http.ResponseWriter, r *http.Request) error {
	m, err := s.svc.CloseMember(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	at, err := s.svc.store.MemberClosedAt(r.Context(), m.ID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"member": m.PersonURN, "closed": true, "closedAt": millis(at)})
	return nil
}

// pathID parses a positive numeric path value, 400 naming it otherwise.
func pathID(r *http.Request, name string) (int64, error) {
	v := r.PathValue(name)
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		return 0, Errorf(EINVALID, "%s must be a positive integer, got %q.", name, v)
	}
	return id, nil
}

// personURN returns a member's person URN.
func (s *Server) personURN(r *http.Request, memberID int64) (string, error) {
	urns, err := s.svc.MemberPersonURNs(r.Context(), []int64{memberID})
	return urns[memberID], err
}
