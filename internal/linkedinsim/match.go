package linkedinsim

import (
	"context"
	"strings"
)

// MaxSuggestions is how many name suggestions MatchCandidate returns at
// most: what a recruiter can scan in the profile widget, and the depth the
// quality benchmark measures recall at.
const MaxSuggestions = 5

// blockLimit caps the members one name lookup scores. The commonest name
// of a 1,000,000-member world is shared by about 400 members, and their
// near spellings add as many again; the cap bounds the worst case without
// cutting into those.
const blockLimit = 3000

// CandidateFacts is what an ATS syncs about a candidate (rsc-api.md §4,
// atsCandidates) that matching can use. Every field is optional; more
// fields give better matches.
type CandidateFacts struct {
	FirstName  string
	LastName   string
	Emails     []string
	Phone      string // kept for the record; LinkedIn does not match on it
	Company    string // currentCompanyName
	Title      string // currentJobTitle
	Location   string
	ProfileURL string // linkedInProfileUrl
	PersonURN  string // a person URN (or bare id) the ATS already knows
}

// MatchMethod says which fact made an exact match.
type MatchMethod string

// The facts an exact match can rest on, strongest first: an ATS that knows
// the person URN has linked the member before.
const (
	MatchByPersonURN  MatchMethod = "person_urn"
	MatchByProfileURL MatchMethod = "profile_url"
	MatchByEmail      MatchMethod = "email"
)

// Reasons a name suggestion gives for its score.
const (
	ReasonName        = "name"         // first and last name agree
	ReasonNameSwapped = "name_swapped" // they agree with first and last swapped
	ReasonCompany     = "company"
	ReasonTitle       = "title"
	ReasonLocation    = "location"
)

// Suggestion is a member whose name resembles the candidate's, with a score
// (about 0.85 to 1.1; higher is better) and the reasons for it.
type Suggestion struct {
	Member  Member
	Score   float64
	Reasons []string
}

// MatchResult is the outcome of matching one candidate: the exact match
// and how it was found, or else up to MaxSuggestions name suggestions, best
// first. Both empty means "no match found".
type MatchResult struct {
	Exact       *Member
	By          MatchMethod
	Suggestions []Suggestion
}

// PersonURNs lists the matched members as the atsCandidates matches finder
// reports them (matchedMembers): the exact match alone, or the suggestions
// in rank order.
func (r MatchResult) PersonURNs() []string {
	if r.Exact != nil {
		return []string{r.Exact.PersonURN}
	}
	out := make([]string, len(r.Suggestions))
	for i, s := range r.Suggestions {
		out[i] = s.Member.PersonURN
	}
	return out
}

// NameBlock is a blocking query over members' match keys: a member is in
// the block when its key contains every string of at least one term. Every
// string is at least three characters long, so a trigram index answers it.
type NameBlock struct {
	Terms [][]string
}

// MatchStore is the storage matching needs. Lookups return ENOTFOUND when
// no member has the key; closed members are returned like others and
// filtered by the service.
type MatchStore interface {
	// MatchMemberByEmailKey finds the member whose EmailKey is key.
	MatchMemberByEmailKey(ctx context.Context, key string) (*Member, error)
	// MatchMemberByPersonURN finds the member with that person URN.
	MatchMemberByPersonURN(ctx context.Context, urn string) (*Member, error)
	// MatchMemberByProfileURL finds the member with that normalised
	// profile URL.
	MatchMemberByProfileURL(ctx context.Context, url string) (*Member, error)
	// MatchMembersByName returns up to limit open members in block, in no
	// particular order.
	MatchMembersByName(ctx context.Context, block NameBlock, limit int) ([]Member, error)
}

// MatchCandidate matches a synced candidate to members: exactly on person
// URN, profile URL or any of the emails (in that order), else by name. It
// returns an empty result, not an error, when nothing matches; errors are
// storage failures only.
func (s *Service) MatchCandidate(ctx context.Context, c CandidateFacts) (MatchResult, error) {
	m, by, err := s.exactMatch(ctx, c)
	if err != nil || m != nil {
		return MatchResult{Exact: m, By: by}, err
	}
	q := newNameQuery(c)
	if q.empty() {
		return MatchResult{}, nil
	}
	members, err := s.nameBlock(ctx, q)
	if err != nil {
		return MatchResult{}, err
	}
	return MatchResult{Suggestions: q.rank(members, MaxSuggestions)}, nil
}

// nameBlock looks the whole name key up first, in both orders: that is
// selective and cheap, and members carrying the very name outrank any near
// spelling. Only when nobody carries it does the wider typo-tolerant block
// run, whose short chunks read long posting lists.
func (s *Service) nameBlock(ctx context.Context, q *nameQuery) ([]Member, error) {
	block := q.block()
	if exact := q.exactTerms(); len(exact) > 0 {
		members, err := s.store.MatchMembersByName(ctx, NameBlock{Terms: exact}, blockLimit)
		if err != nil || len(members) > 0 {
			return members, err
		}
	}
	return s.store.MatchMembersByName(ctx, block, blockLimit)
}

// exactMatch tries each exact key the candidate has. A closed member is
// no match: LinkedIn stops showing closed accounts.
func (s *Service) exactMatch(ctx context.Context, c CandidateFacts) (*Member, MatchMethod, error) {
	type attempt struct {
		by   MatchMethod
		find func() (*Member, error)
	}
	var tries []attempt
	if urn, ok := NormalizePersonURN(c.PersonURN); ok {
		tries = append(tries, attempt{MatchByPersonURN, func() (*Member, error) {
			return s.store.MatchMemberByPersonURN(ctx, urn)
		}})
	}
	if u, ok := NormalizeProfileURL(c.ProfileURL); ok {
		tries = append(tries, attempt{MatchByProfileURL, func() (*Member, error) {
			return s.store.MatchMemberByProfileURL(ctx, u)
		}})
	}
	for _, e := range c.Emails {
		if key := EmailKey(strings.TrimPrefix(e, "mailto:")); strings.Contains(key, "@") {
			tries = append(tries, attempt{MatchByEmail, func() (*Member, error) {
				return s.store.MatchMemberByEmailKey(ctx, key)
			}})
		}
	}
	for _, t := range tries {
		m, err := t.find()
		if ErrorCode(err) == ENOTFOUND || err == nil && m.Closed {
			continue
		} else if err != nil {
			return nil, "", err
		}
		return m, t.by, nil
	}
	return nil, "", nil
}
