package storetest

import (
	"strings"
	"testing"

	"attractor/internal/ats"
)

func testCandidate(t *testing.T, open OpenFunc) {
	t.Run("CreateFindRoundTrip", testCandidateRoundTrip(open))
	t.Run("HostileTextRoundTrips", func(t *testing.T) {
		e := setup(t, open)
		var made []*ats.Candidate
		for i, s := range hostile {
			c := newCandidate(s, s, "")
			c.Company, c.OtherEmails = s, []string{}
			c.CreatedAt = at(i)
			e.update(t, func(tx ats.Tx) error { return tx.CreateCandidate(c) })
			made = append(made, c)
		}
		e.view(t, func(tx ats.Tx) error {
			for _, c := range made {
				got, err := tx.FindCandidateByID(c.ID)
				check(t, err)
				diff(t, "candidate "+c.FirstName, got, c)
			}
			return nil
		})
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		e := setup(t, open)
		e.view(t, func(tx ats.Tx) error {
			_, err := tx.FindCandidateByID("missing")
			wantCode(t, err, ats.ENOTFOUND)
			_, err = tx.FindCandidateByNumber("C-1")
			wantCode(t, err, ats.ENOTFOUND)
			return nil
		})
		wantCode(t, e.updateErr(func(tx ats.Tx) error { return tx.UpdateCandidate(newCandidate("A", "B", "")) }), ats.ENOTFOUND)
		wantCode(t, e.updateErr(func(tx ats.Tx) error { return tx.DeleteCandidate("missing") }), ats.ENOTFOUND)
	})
	t.Run("ErrDuplicateEmailAcrossPrimaryAndOther", testCandidateEmailConflicts(open))
	t.Run("UpdateReleasesOldEmails", func(t *testing.T) {
		e := setup(t, open)
		c := mustCreateCandidate(t, e, "Ann", "Lee", "ann@example.com", "ann@old.example")
		c.Email, c.OtherEmails, c.LastName, c.UpdatedAt = "ANN@example.com", []string{"ann@new.example"}, "Lee-Smith", at(30)
		c.SearchKey = ats.SearchKey("Ann Lee-Smith", "ANN@example.com", "ann@new.example")
		e.update(t, func(tx ats.Tx) error { return tx.UpdateCandidate(c) })
		mustCreateCandidate(t, e, "Other", "Person", "ann@old.example")
		e.view(t, func(tx ats.Tx) error {
			got, err := tx.FindCandidateByID(c.ID)
			check(t, err)
			diff(t, "candidate", got, c)
			return nil
		})
	})
	t.Run("CandidateOnTeamOf", func(t *testing.T) {
		e := setup(t, open)
		p := mustCreatePipeline(t, e)
		other := mustCreateUser(t, e, "other@example.com", "Other")
		e.view(t, func(tx ats.Tx) error {
			on, err := tx.CandidateOnTeamOf(p.cand.ID, p.user.ID)
			check(t, err)
			off, err := tx.CandidateOnTeamOf(p.cand.ID, other.ID)
			check(t, err)
			diff(t, "on team, other", []bool{on, off}, []bool{true, false})
			return nil
		})
	})
	t.Run("DeleteCascades", testCandidateDelete(open))
}

func testCandidateEmailConflicts(open OpenFunc) func(*testing.T) {
	return func(t *testing.T) {
		e := setup(t, open)
		first := mustCreateCandidate(t, e, "José", "Müller", "jose@example.com", "J.Mueller@Work.example")
		cases := []struct{ email, other, clash string }{
			{"JOSE@EXAMPLE.COM", "", "JOSE@EXAMPLE.COM"},                // primary vs primary
			{"j.mueller@work.EXAMPLE", "", "j.mueller@work.EXAMPLE"},    // primary vs other
			{"new@example.com", "Jose@Example.com", "Jose@Example.com"}, // other vs primary
		}
		for _, c := range cases {
			var others []string
			if c.other != "" {
				others = []string{c.other}
			}
			err := e.updateErr(func(tx ats.Tx) error { return tx.CreateCandidate(newCandidate("Dup", "Licate", c.email, others...)) })
			wantCode(t, err, ats.ECONFLICT)
			if msg := ats.ErrorMessage(err); !strings.Contains(msg, c.clash) {
				t.Errorf("message %q does not name %s", msg, c.clash)
			}
		}
		second := mustCreateCandidate(t, e, "Ann", "Lee", "ann@example.com")
		second.OtherEmails = []string{"JOSE@example.com"}
		wantCode(t, e.updateErr(func(tx ats.Tx) error { return tx.UpdateCandidate(second) }), ats.ECONFLICT)
		first.Email = "Jose@Example.com" // its own address in another case is fine
		e.update(t, func(tx ats.Tx) error { return tx.UpdateCandidate(first) })
	}
}

func testCandidateDelete(open OpenFunc) func(*testing.T) {
	return func(t *testing.T) {
		e := setup(t, open)
		p := mustCreatePipeline(t, e)
		appNote := &ats.Note{SubjectKind: ats.SubjectApplication, SubjectID: p.app.ID, AuthorID: p.user.ID, Text: "app"}
		candNote := &ats.Note{SubjectKind: ats.SubjectCandidate, SubjectID: p.cand.ID, AuthorID: p.user.ID, Text: "cand"}
		fb := &ats.Feedback{ApplicationID: p.app.ID, InterviewerID: p.user.ID, InterviewType: ats.InterviewVideo, Recommendation: ats.RecYes}
		pool := &ats.TalentPool{Name: "Backend"}
		e.update(t, func(tx ats.Tx) error {
			check(t, tx.CreateNote(appNote))
			check(t, tx.CreateNote(candNote))
			check(t, tx.CreateFeedback(fb))
			check(t, tx.AddPhaseEntry(&ats.PhaseEntry{ApplicationID: p.app.ID, PhaseID: p.phases[1].ID}))
			check(t, tx.CreatePool(pool))
			return tx.AddPoolMember(&ats.PoolMember{PoolID: pool.ID, CandidateID: p.cand.ID})
		})
		e.update(t, func(tx ats.Tx) error { return tx.DeleteCandidate(p.cand.ID) })
		e.view(t, func(tx ats.Tx) error {
			_, err := tx.FindCandidateByID(p.cand.ID)
			wantCode(t, err, ats.ENOTFOUND)
			_, err = tx.FindApplication(p.app.ID)
			wantCode(t, err, ats.ENOTFOUND)
			for _, n := range []*ats.Note{appNote, candNote} {
				_, err = tx.FindNote(n.ID)
				wantCode(t, err, ats.ENOTFOUND)
			}
			got, err := tx.FindPool(pool.ID)
			check(t, err)
			diff(t, "pool members", got.MemberCount, 0)
			return nil
		})
		wantOutbox(t, e, ats.OutboxDelete, []ref{
			{ats.EntityApplication, p.app.ID, "", ""}, {ats.EntityCandidate, p.cand.ID, "", ""},
			{ats.EntityFeedback, fb.ID, p.app.ID, ats.EntityApplication}, {ats.EntityNote, appNote.ID, p.app.ID, ats.EntityApplication},
			{ats.EntityNote, candNote.ID, p.cand.ID, ats.EntityCandidate}, {ats.EntityStage, p.app.ID, p.app.ID, ats.EntityApplication},
		})
	}
}

func testCandidateRoundTrip(open OpenFunc) func(*testing.T) {
	return func(t *testing.T) {
		e := setup(t, open)
		c := newCandidate("Zoë", "O'Brien-Łukasz", "zoe@example.com", "z.obrien@work.example")
		c.Phones = []string{"+49 30 1234567", "(555) 010-9999"}
		c.Address = ats.Address{Line1: hostile[1], Line2: hostile[2], City: "Kraków", Region: "Małopolska", PostalCode: "30-001", CountryCode: "PL"}
		c.Company, c.Title, c.Source = hostile[0], hostile[3], hostile[6]
		c.LinkedInURL, c.PersonURN, c.DoNotContact, c.CreatedBy = "https://www.linkedin.com/in/zoe", "urn:li:person:zoe1", true, "u1"
		c.UpdatedAt = at(20)
		e.update(t, func(tx ats.Tx) error { return tx.CreateCandidate(c) })
		if c.Number != "C-1001" {
			t.Errorf("assigned number %q, want C-1001", c.Number)
		}
		e.view(t, func(tx ats.Tx) error {
			got, err := tx.FindCandidateByID(c.ID)
			check(t, err)
			diff(t, "by id", got, c)
			got, err = tx.FindCandidateByNumber("C-1001")
			check(t, err)
			diff(t, "by number", got, c)
			return nil
		})
	}
}
