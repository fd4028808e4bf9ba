package syncer

import (
	"context"
	"log/slog"

	"attractor/internal/ats"
	"attractor/internal/rsc"
)

// LinkedIn links synced candidates to members on its own; partners should
// read the links back after each sync and keep the member's person URN
// with the candidate (rsc-api.md §3.6, §6.2), which the profile widget and
// export intake use to recognise the person.

// readMatches reads back the matches of the candidates just written and
// stores each one's person URN where it changed: the member a recruiter
// chose by hand, else LinkedIn's match when it names exactly one member
// (several would be a guess, and a wrong link is worse than none). It is best effort: a failure
// is logged and the next send of the candidate reads again.
func (s *Syncer) readMatches(ctx context.Context, cl *rsc.Client, org string, units []*unit) {
	byID := map[string]*unit{}
	var ids []string
	for _, u := range units {
		if st, _ := u.state(); st == unitSent && len(u.parts) > 0 && u.entry.EntityKind == ats.EntityCandidate {
			byID[u.entry.EntityID] = u
			ids = append(ids, u.entry.EntityID)
		}
	}
	if len(ids) == 0 {
		return
	}
	got, err := cl.CandidateMatches(ctx, org, ids)
	if err != nil {
		s.log.LogAttrs(ctx, slog.LevelInfo, "read linkedin candidate matches", slog.Int("candidates", len(ids)),
			slog.Any("error", err))
		return
	}
	changed := map[string]string{}
	for i, g := range got {
		if urn := matchedPerson(g.Value); urn != "" && urn != byID[ids[i]].person {
			changed[ids[i]] = urn
		}
	}
	s.storeMatches(ctx, changed)
}

// unlinked returns the candidate units without a person URN. Reads count
// against LinkedIn's records-per-minute budget like writes (rsc-api.md
// §2.6), and the historical sync reads back every candidate it writes, so
// it reads only those it can learn something about: a candidate with a
// person URN got it from a manual match (export intake) or an earlier
// read, which is what LinkedIn holds for it.
func unlinked(units []*unit) []*unit {
	var out []*unit
	for _, u := range units {
		if u.person == "" {
			out = append(out, u)
		}
	}
	return out
}

// matchedPerson picks the member a candidate is linked to: a manual match
// wins over the algorithm's.
func matchedPerson(m *rsc.Matches) string {
	switch {
	case m == nil:
		return ""
	case m.ManualMatchedMember != "":
		return m.ManualMatchedMember
	case len(m.MatchedMembers) == 1:
		return m.MatchedMembers[0]
	}
	return ""
}

// storeMatches saves person URNs by candidate id. The write is not
// cancelled with ctx: what LinkedIn answered is worth keeping.
func (s *Syncer) storeMatches(ctx context.Context, urns map[string]string) {
	if len(urns) == 0 {
		return
	}
	err := s.store.Update(context.WithoutCancel(ctx), func(tx ats.Tx) error {
		for id, urn := range urns {
			err := tx.SetCandidatePersonURN(id, urn)
			if err != nil && ats.ErrorCode(err) != ats.ENOTFOUND { // deleted meanwhile
				return err
			}
		}
		return nil
	})
	if err != nil {
		s.log.LogAttrs(ctx, slog.LevelWarn, "store linkedin candidate matches", slog.Any("error", err))
	}
}
