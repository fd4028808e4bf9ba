package simstoretest

import (
	"testing"
	"time"

	"attractor/internal/linkedinsim"
)

// testCSA covers the contract-level tables: conversations, replies and
// their stubs, the feeds' time windows, notes with soft delete, projects,
// closed members and the contract seat listing.
func testCSA(t *testing.T, open OpenFunc) {
	t.Run("InMailAndStubs", func(t *testing.T) {
		s := setup(t, open)
		sh, member := csaWorld(t, s)
		c := &linkedinsim.Conversation{SeatID: sh.ID, ContractID: sh.ContractID, MemberID: member.ID,
			Subject: hostile, CreatedAt: baseTime}
		first := &linkedinsim.Message{SeatID: sh.ID, ContractID: sh.ContractID, MemberID: member.ID,
			Sender: linkedinsim.SenderSeat, Body: hostile, SentAt: baseTime}
		check(t, s.CreateConversation(ctx, c, first))
		if c.ID == 0 || first.ID == 0 || first.ConversationID != c.ID {
			t.Fatalf("ids: conversation %d message %+v", c.ID, first)
		}
		got, err := s.FindConversation(ctx, c.ID)
		check(t, err)
		diff(t, "conversation", got, &linkedinsim.Conversation{ID: c.ID, SeatID: sh.ID, ContractID: sh.ContractID,
			MemberID: member.ID, Subject: hostile, CreatedAt: utc(baseTime)})
		_, err = s.FindConversation(ctx, c.ID+1000)
		wantCode(t, err, linkedinsim.ENOTFOUND)

		reply := func(at time.Duration, share bool, email string) (*linkedinsim.Message, *linkedinsim.MailStub, bool) {
			m := &linkedinsim.Message{ConversationID: c.ID, SeatID: sh.ID, ContractID: sh.ContractID, MemberID: member.ID,
				Sender: linkedinsim.SenderMember, Body: "Thanks", ShareProfile: share, ShareEmail: email != "",
				SentAt: baseTime.Add(at)}
			var st *linkedinsim.MailStub
			if share {
				st = &linkedinsim.MailStub{ConversationID: c.ID, SeatID: sh.ID, ContractID: sh.ContractID,
					MemberID: member.ID, FirstName: member.FirstName, LastName: member.LastName, Email: email,
					CreatedAt: baseTime.Add(at)}
			}
			created, err := s.AddReply(ctx, m, st)
			check(t, err)
			return m, st, created
		}
		if _, _, created := reply(time.Minute, false, ""); created {
			t.Error("a reply sharing nothing created a stub")
		}
		_, err = s.FindConversationStub(ctx, c.ID)
		wantCode(t, err, linkedinsim.ENOTFOUND)
		_, st, created := reply(2*time.Minute, true, member.Email)
		if !created || st.ID == 0 {
			t.Fatalf("consenting reply: created %v stub %+v", created, st)
		}
		if _, _, created := reply(3*time.Minute, true, ""); created {
			t.Error("a second consenting reply created another stub")
		}
		stub, err := s.FindConversationStub(ctx, c.ID)
		check(t, err)
		if stub.ID != st.ID || stub.Email != member.Email || !stub.CreatedAt.Equal(utc(baseTime.Add(2*time.Minute))) {
			t.Errorf("stub = %+v", stub)
		}
		msgs, err := s.ListConversationMessages(ctx, c.ID)
		check(t, err)
		if len(msgs) != 4 || msgs[0].Sender != linkedinsim.SenderSeat || !msgs[2].ShareEmail {
			t.Errorf("messages = %+v", msgs)
		}

		// [From, To): the first message is in, the one at To is out.
		win := linkedinsim.TimeWindow{From: baseTime, To: baseTime.Add(2 * time.Minute)}
		seatMsgs, err := s.ListSeatMessages(ctx, sh.ID, win)
		check(t, err)
		if len(seatMsgs) != 2 || seatMsgs[0].ID != first.ID || seatMsgs[0].Body != hostile {
			t.Errorf("seat messages = %+v", seatMsgs)
		}
		stubs, err := s.ListMailStubs(ctx, sh.ContractID, linkedinsim.TimeWindow{From: baseTime.Add(2 * time.Minute),
			To: baseTime.Add(3 * time.Minute)})
		check(t, err)
		if len(stubs) != 1 || stubs[0].ID != st.ID {
			t.Errorf("stubs = %+v", stubs)
		}
		stubs, err = s.ListMailStubs(ctx, sh.ContractID+1, linkedinsim.TimeWindow{From: baseTime, To: baseTime.Add(time.Hour)})
		check(t, err)
		if len(stubs) != 0 {
			t.Errorf("another contract's stubs = %+v", stubs)
		}

		// Closing the member hides their stub, once.
		check(t, s.CloseMember(ctx, member.ID, baseTime))
		wantCode(t, s.CloseMember(ctx, member.ID, baseTime), linkedinsim.ECONFLICT)
		wantCode(t, s.CloseMember(ctx, 999999, baseTime), linkedinsim.ENOTFOUND)
		closed, err := s.FindMemberByID(ctx, member.ID)
		check(t, err)
		at, err := s.MemberClosedAt(ctx, member.ID)
		check(t, err)
		if !closed.Closed || !at.Equal(utc(baseTime)) {
			t.Errorf("closed member = %+v at %v", closed, at)
		}
		stubs, err = s.ListMailStubs(ctx, sh.ContractID, linkedinsim.TimeWindow{From: baseTime, To: baseTime.Add(time.Hour)})
		check(t, err)
		if len(stubs) != 0 {
			t.Errorf("closed member's stubs = %+v", stubs)
		}
	})

	t.Run("Notes", func(t *testing.T) {
		s := setup(t, open)
		sh, member := csaWorld(t, s)
		n := &linkedinsim.Note{SeatID: sh.ID, ContractID: sh.ContractID, MemberID: member.ID, Note: hostile,
			Active: true, CreatedAt: baseTime, UpdatedAt: baseTime}
		check(t, s.CreateNote(ctx, n))
		edited, err := s.UpdateNote(ctx, n.ID, "edited", true, baseTime.Add(time.Hour))
		check(t, err)
		if edited.Note != "edited" || !edited.Active || !edited.CreatedAt.Equal(utc(baseTime)) ||
			!edited.UpdatedAt.Equal(utc(baseTime.Add(time.Hour))) {
			t.Errorf("edited = %+v", edited)
		}
		deleted, err := s.UpdateNote(ctx, n.ID, "", false, baseTime.Add(2*time.Hour))
		check(t, err)
		if deleted.Active || deleted.Note != "" {
			t.Errorf("deleted = %+v", deleted)
		}
		_, err = s.UpdateNote(ctx, n.ID, "again", true, baseTime.Add(3*time.Hour))
		wantCode(t, err, linkedinsim.ECONFLICT)
		_, err = s.UpdateNote(ctx, n.ID+1000, "x", true, baseTime)
		wantCode(t, err, linkedinsim.ENOTFOUND)
		got, err := s.FindNote(ctx, n.ID)
		check(t, err)
		diff(t, "note", got, deleted)

		// (From, To]: a note updated exactly at From is out, at To in.
		notes, err := s.ListNotes(ctx, sh.ContractID, linkedinsim.TimeWindow{From: baseTime.Add(time.Hour),
			To: baseTime.Add(2 * time.Hour)})
		check(t, err)
		if len(notes) != 1 || notes[0].Active {
			t.Errorf("notes = %+v", notes)
		}
		notes, err = s.ListNotes(ctx, sh.ContractID, linkedinsim.TimeWindow{From: baseTime.Add(2 * time.Hour),
			To: baseTime.Add(3 * time.Hour)})
		check(t, err)
		if len(notes) != 0 {
			t.Errorf("notes after the window = %+v", notes)
		}
	})

	t.Run("Projects", func(t *testing.T) {
		s := setup(t, open)
		sh, member := csaWorld(t, s)
		p := &linkedinsim.Project{SeatID: sh.ID, ContractID: sh.ContractID, Name: hostile, CreatedAt: baseTime}
		check(t, s.CreateProject(ctx, p))
		dup := *p
		wantCode(t, s.CreateProject(ctx, &dup), linkedinsim.ECONFLICT)
		got, err := s.FindProject(ctx, p.ID)
		check(t, err)
		diff(t, "project", got, &linkedinsim.Project{ID: p.ID, SeatID: sh.ID, ContractID: sh.ContractID, Name: hostile,
			CreatedAt: utc(baseTime)})
		pm := linkedinsim.ProjectMember{ProjectID: p.ID, MemberID: member.ID, AddedAt: baseTime}
		first, created, err := s.AddProjectMember(ctx, pm)
		check(t, err)
		pm.AddedAt = baseTime.Add(time.Hour)
		again, created2, err := s.AddProjectMember(ctx, pm)
		check(t, err)
		if !created || created2 || !again.AddedAt.Equal(first.AddedAt) {
			t.Errorf("add twice: %v %+v, %v %+v", created, first, created2, again)
		}
		_, _, err = s.AddProjectMember(ctx, linkedinsim.ProjectMember{ProjectID: p.ID + 1000, MemberID: member.ID, AddedAt: baseTime})
		wantCode(t, err, linkedinsim.ENOTFOUND)
		list, err := s.ListProjectMembers(ctx, p.ID)
		check(t, err)
		if len(list) != 1 || list[0].MemberID != member.ID {
			t.Errorf("project members = %+v", list)
		}
	})

	t.Run("ContractSeats", func(t *testing.T) {
		s := setup(t, open)
		sh, _ := csaWorld(t, s)
		seats, err := s.ListContractSeats(ctx, sh.ContractID)
		check(t, err)
		var found bool
		for i, cs := range seats {
			if cs.ContractID != sh.ContractID || (i > 0 && seats[i-1].ID >= cs.ID) {
				t.Fatalf("seats out of contract or order: %+v", seats)
			}
			if cs.ID == sh.ID {
				found = cs.PersonURN == sh.Member.PersonURN && cs.FirstName == sh.Member.FirstName
			}
		}
		if !found {
			t.Errorf("seat %d with its holder missing from %+v", sh.ID, seats)
		}
	})
}

// csaWorld generates a small world and returns its first seat holder and a
// member who is not that holder.
func csaWorld(t *testing.T, s linkedinsim.Store) (linkedinsim.SeatHolder, *linkedinsim.Member) {
	t.Helper()
	check(t, linkedinsim.Generate(ctx, s, 1, 50))
	wc, err := s.WorldContents(ctx)
	check(t, err)
	sh := wc.SeatHolders[0]
	id := int64(1)
	if sh.MemberID == id {
		id = 2
	}
	m, err := s.FindMemberByID(ctx, id)
	check(t, err)
	return sh, m
}
