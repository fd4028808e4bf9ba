package linkedinsim

import "time"

// Member is a LinkedIn member as the simulator knows them: the public
// profile fields the RSC features show and match on, plus the keys used to
// look members up. The generator creates them; later waves add the member
// inbox and Recruiter pages on the same record.
type Member struct {
	ID         int64
	PersonURN  string // urn:li:person:{id}, with LinkedIn's opaque alphanumeric id
	FirstName  string
	LastName   string
	NameKey    string // FoldName(first + " " + last)
	Email      string
	EmailKey   string // EmailKey(Email)
	Headline   string
	Company    string
	Title      string
	Location   string
	ProfileURL string // https://www.linkedin.com/in/{slug}
	OpenToWork bool
	Closed     bool // the member closed their account; RSC must stop showing them
	CreatedAt  time.Time
}
