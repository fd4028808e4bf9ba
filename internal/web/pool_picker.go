package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"attractor/internal/ats"
)

// poolUserLimit is how many search matches the contributor picker lists.
const poolUserLimit = 50

// poolPicker is a pool form's contributor choices. The chosen
// contributors are always listed, loaded by id, so saving the form never
// drops someone the page did not show; the others come from a search
// (?uq, by name or email), at most poolUserLimit of them.
type poolPicker struct {
	Users     []*ats.User
	UserQuery string
	UsersMore bool
	// UserSearchURL is the page the search field reloads.
	UserSearchURL string
}

// UsersNote says when more users match than are listed, so the list is
// never silently cut short.
func (p poolPicker) UsersNote() string {
	if !p.UsersMore {
		return ""
	}
	return "Showing the first " + strconv.Itoa(poolUserLimit) + " matches; search by name or email to find others."
}

// poolPicker builds the choices for a pool owned by ownerID with the
// contributors chosen (ticked) and the page at searchURL.
func (s *Server) poolPicker(r *http.Request, ownerID string, chosen []string, searchURL string) (poolPicker, error) {
	pk := poolPicker{UserQuery: userSearchQuery(r), UserSearchURL: searchURL}
	seen := map[string]bool{ownerID: true}
	for _, id := range chosen {
		if seen[id] {
			continue
		}
		seen[id] = true
		u, err := s.svc.FindUserByID(r.Context(), id)
		if ats.ErrorCode(err) == ats.ENOTFOUND {
			continue // gone: saving without them loses nothing
		} else if err != nil {
			return pk, err
		}
		pk.Users = append(pk.Users, u)
	}
	users, total, err := s.svc.FindUsers(r.Context(), ats.UserFilter{Query: pk.UserQuery, Page: ats.Page{Limit: poolUserLimit}})
	if err != nil {
		return pk, err
	}
	pk.UsersMore = total > len(users)
	for _, u := range users {
		if u.Role.CanLeadTeams() && !u.Disabled && !seen[u.ID] {
			pk.Users = append(pk.Users, u)
		}
	}
	return pk, nil
}

// userSearchQuery is the people search text of ?uq (the pool contributor
// and hiring team pickers), cut to what the service accepts.
func userSearchQuery(r *http.Request) string {
	q := strings.TrimSpace(r.URL.Query().Get("uq"))
	if len(q) > candQueryMax {
		q = strings.ToValidUTF8(q[:candQueryMax], "")
	}
	return q
}

// maxSearchedContributors caps the ticks a search link carries, each of
// which costs a lookup.
const maxSearchedContributors = 200

// searchedPoolForm is the pool form as its Search button sent it (by GET,
// with ?search=1): what was typed and ticked, shown again around the
// search's matches. Any other GET gives a Form without values.
func searchedPoolForm(r *http.Request) Form {
	q, ok := searchedForm(r)
	if !ok {
		return Form{}
	}
	ids := q["contributor_ids"]
	if len(ids) > maxSearchedContributors {
		ids = ids[:maxSearchedContributors]
	}
	return Form{Values: url.Values{"name": {q.Get("name")}, "description": {q.Get("description")},
		"contributor_ids": ids}}
}
