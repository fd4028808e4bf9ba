package store

import (
	"attractor/internal/ats"
	"attractor/internal/store/dbq"
)

// findUsersMatching is FindUsers with a search: a page of the users whose
// folded name or email matches the LIKE pattern, by name, and their count.
func (t *tx) findUsersMatching(pattern string, p ats.Page) ([]*ats.User, int, error) {
	limit, offset := page(p)
	rows, err := t.q.ListUsersMatching(t.ctx, dbq.ListUsersMatchingParams{Pattern: pattern, Lim: limit, Off: offset})
	if err != nil {
		return nil, 0, wrap(err, "find users")
	}
	total, err := t.q.CountUsersMatching(t.ctx, pattern)
	if err != nil {
		return nil, 0, wrap(err, "count users")
	}
	out := make([]*ats.User, len(rows))
	for i, r := range rows {
		out[i] = userFromRow(r)
	}
	return out, int(total), nil
}
