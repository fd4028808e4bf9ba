package web

import "attractor/internal/ats"

// appStatusBadge is how an application's status shows wherever it is
// listed (the "app-status" partial): one badge styled by outcome, and the
// rejection reason next to a rejection. Pages build it with
// newAppStatusBadge, so the candidate profile, the application page and
// the pipeline cannot drift apart.
type appStatusBadge struct {
	Class, Label, Reason string
	// ReasonID is the reason's element id, for the page that shows one
	// application; empty in lists.
	ReasonID string
}

// newAppStatusBadge is app's status badge: hired is good news, a
// rejection bad news with its reason; active and withdrawn are neutral.
func newAppStatusBadge(app *ats.Application) appStatusBadge {
	b := appStatusBadge{Label: label(string(app.Status))}
	switch app.Status {
	case ats.AppHired:
		b.Class = "ok"
	case ats.AppRejected:
		b.Class, b.Reason = "bad", app.RejectionReason
	}
	return b
}

// Status is the row's status badge.
func (r candidateAppRow) Status() appStatusBadge { return newAppStatusBadge(r.App) }

// Status is the application's status badge, its reason addressable as
// #app-reason.
func (v *applicationView) Status() appStatusBadge {
	b := newAppStatusBadge(v.App)
	b.ReasonID = "app-reason"
	return b
}
