package ats

// Page selects a window of a list: at most Limit items after skipping Offset.
// A zero Limit means DefaultLimit; Limit is capped at MaxLimit.
type Page struct {
	Limit  int
	Offset int
}

// Paging bounds for every list.
const (
	DefaultLimit = 50
	MaxLimit     = 500
	MaxOffset    = 1<<31 - 1 - MaxLimit // offset+limit fits the engines' 32-bit OFFSET
)

// Normalize returns the page with its limit defaulted and capped and a
// non-negative offset.
func (p Page) Normalize() Page {
	if p.Limit <= 0 {
		p.Limit = DefaultLimit
	}
	if p.Limit > MaxLimit {
		p.Limit = MaxLimit
	}
	if p.Offset < 0 {
		p.Offset = 0
	}
	if p.Offset > MaxOffset {
		p.Offset = MaxOffset
	}
	return p
}
