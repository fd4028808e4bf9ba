package syncer

import (
	"cmp"
	"context"
	"errors"
	"net/http"
	"slices"

	"attractor/internal/ats"
	"attractor/internal/rsc"
)

// This file is the sending core shared by the drainer and the historical
// sync: entities become units of RSC records, records are grouped into
// calls of at most 100 per endpoint, and each record's outcome is kept so
// only what failed is sent again.

// unit is one ATS entity on its way to LinkedIn: an outbox row when
// draining, a page entry in the historical sync. Most units are one
// record; an application's stage history is one per phase entry, and a
// job's ACL is the ACL plus one per assignee added or removed. A unit
// with no parts has nothing to send (withheld, a draft, already gone) and
// counts as sent.
type unit struct {
	entry ats.OutboxEntry
	parts []*part
	// after records, in the transaction that acknowledges the unit, what
	// LinkedIn now has (MarkTeamSent, ForgetSentJob; a sent job's record is kept by runAfter).
	after func(tx ats.Tx) error
	// person is a candidate's stored person URN, so reading back matches
	// writes only what changed.
	person string
	// saved marks a unit whose outcome a historical save has recorded, in
	// this run or (SyncProgress.Ahead) before a restart.
	saved bool
}

// part is one RSC record of a unit and its outcome so far.
type part struct {
	ep  endpoint
	rec any // rsc.Job, rsc.Candidate, …, or the id (string) to delete
	ok  bool
	err *rsc.Error // the last failure, nil if never tried or written
	// deferred marks a record the historical sync left for the drainer to
	// retry, so one slow or failing call does not hold up the rest.
	deferred bool
	// created is what LinkedIn made of a created record: a job's task.
	created string
}

// unitState is where a unit stands after a send.
type unitState int

const (
	unitPending  unitState = iota // some record not written yet, none refused
	unitSent                      // every record written
	unitDeferred                  // the rest handed to the drainer to retry
	unitFailed                    // a record refused for good
)

// state returns the unit's state and, unless sent, the failure to report.
func (u *unit) state() (unitState, *rsc.Error) {
	var last *rsc.Error
	pending, deferred := false, false
	for _, p := range u.parts {
		switch {
		case p.ok:
		case p.err != nil && p.err.Kind == rsc.Permanent:
			return unitFailed, p.err
		case p.deferred:
			deferred = true
			last = cmp.Or(p.err, last)
		default:
			pending = true
			last = cmp.Or(p.err, last)
		}
	}
	switch {
	case pending:
		return unitPending, last
	case deferred:
		return unitDeferred, last
	}
	return unitSent, nil
}

// records is how many RSC records the unit stands for, for progress.
func (u *unit) records() int64 { return int64(len(u.parts)) }

// op is an RSC write. Their order is the order calls are made in a drain,
// so an ACL exists before its assignees are added, and assignees are
// removed before their ACL.
type op int

const (
	opPutJobs op = iota
	opPutCandidates
	opDeleteCandidates
	opPutApplications
	opDeleteApplications
	opPutStages
	opPutCandidateNotes
	opDeleteCandidateNotes
	opPutApplicationNotes
	opDeleteApplicationNotes
	opPutFeedback
	opDeleteFeedback
	opPutACLs
	opPutAssignees
	opDeleteAssignees
	opDeleteACLs
)

func (o op) isDelete() bool {
	switch o {
	case opDeleteCandidates, opDeleteApplications, opDeleteCandidateNotes, opDeleteApplicationNotes,
		opDeleteFeedback, opDeleteAssignees, opDeleteACLs:
		return true
	}
	return false
}

// endpoint is where a record goes: an op and, for notes, feedback and
// stages, the candidate or application they belong to (each parent is its
// own URL, rsc-api.md §3.7–§3.11).
type endpoint struct {
	op     op
	parent string
}

func (ep endpoint) isSub() bool { return ep.parent != "" }

// send makes one call for recs, all of ep.
func (ep endpoint) send(ctx context.Context, cl *rsc.Client, org string, recs []any) ([]rsc.Result, error) {
	switch ep.op {
	case opPutJobs:
		return createJobs(ctx, cl, each[rsc.Job](recs))
	case opPutCandidates:
		return cl.UpdateCandidates(ctx, org, each[rsc.Candidate](recs))
	case opDeleteCandidates:
		return cl.DeleteCandidates(ctx, org, each[string](recs))
	case opPutApplications:
		return cl.UpdateApplications(ctx, org, each[rsc.Application](recs))
	case opDeleteApplications:
		return cl.DeleteApplications(ctx, org, each[string](recs))
	case opPutStages:
		return cl.UpdateStages(ctx, org, ep.parent, each[rsc.Stage](recs))
	case opPutCandidateNotes:
		return cl.UpdateCandidateNotes(ctx, org, ep.parent, each[rsc.Note](recs))
	case opDeleteCandidateNotes:
		return cl.DeleteCandidateNotes(ctx, org, ep.parent, each[string](recs))
	case opPutApplicationNotes:
		return cl.UpdateApplicationNotes(ctx, org, ep.parent, each[rsc.Note](recs))
	case opDeleteApplicationNotes:
		return cl.DeleteApplicationNotes(ctx, org, ep.parent, each[string](recs))
	case opPutFeedback:
		return cl.UpdateFeedback(ctx, org, ep.parent, each[rsc.Feedback](recs))
	case opDeleteFeedback:
		return cl.DeleteFeedback(ctx, org, ep.parent, each[string](recs))
	}
	return ep.sendACL(ctx, cl, org, recs)
}

func (ep endpoint) sendACL(ctx context.Context, cl *rsc.Client, org string, recs []any) ([]rsc.Result, error) {
	switch ep.op {
	case opPutACLs:
		return cl.UpdateACLs(ctx, org, each[rsc.ACL](recs))
	case opPutAssignees:
		return cl.UpdateACLAssignees(ctx, org, each[rsc.ACLAssignee](recs))
	case opDeleteAssignees:
		return cl.DeleteACLAssignees(ctx, org, each[rsc.ACLAssignee](recs))
	case opDeleteACLs:
		return cl.DeleteACLs(ctx, org, each[rsc.ACL](recs))
	}
	panic("syncer: unknown op")
}

// each converts records of one endpoint back to their type.
func each[T any](recs []any) []T {
	out := make([]T, len(recs))
	for i, r := range recs {
		out[i] = r.(T)
	}
	return out
}

// createJobs sends jobs with batch_create and returns per-job results,
// each with the task LinkedIn processes the job in (checked later, in
// jobtask.go). The sync goes on meanwhile: LinkedIn accepts applications
// for a job as soon as the create is accepted.
func createJobs(ctx context.Context, cl *rsc.Client, jobs []rsc.Job) ([]rsc.Result, error) {
	created, err := cl.CreateJobs(ctx, jobs)
	if err != nil {
		return nil, err
	}
	out := make([]rsc.Result, len(created))
	for i, c := range created {
		out[i] = rsc.Result{Status: c.Status, Err: c.Err, ID: c.ID}
	}
	return out, nil
}

// maxBatch is LinkedIn's limit of records per call (rsc-api.md §2.4).
const maxBatch = 100

// call is one request: records of one endpoint.
type call struct {
	ep    endpoint
	parts []*part
}

// plan groups the unsent parts of units into calls of at most maxBatch.
// A drain groups across all units (fewest calls) and orders calls by op.
// The historical sync passes inOrder: only neighbouring parts share a
// call, so calls go out in unit order and the units written before an
// interruption are always a prefix of the page, which is what its cursor
// can express; nothing written is sent again on resume.
func plan(units []*unit, inOrder bool) []*call {
	var calls []*call
	open := map[endpoint]*call{}
	for _, u := range units {
		for _, p := range u.parts {
			if p.ok {
				continue
			}
			c := open[p.ep]
			if inOrder {
				c = nil
				if n := len(calls); n > 0 && calls[n-1].ep == p.ep {
					c = calls[n-1]
				}
			}
			if c == nil || len(c.parts) == maxBatch {
				c = &call{ep: p.ep}
				calls = append(calls, c)
				open[p.ep] = c
			}
			c.parts = append(c.parts, p)
		}
	}
	if !inOrder {
		slices.SortStableFunc(calls, func(a, b *call) int { return cmp.Compare(a.ep.op, b.ep.op) })
	}
	return calls
}

// stopError is a whole-call failure about the app rather than the records:
// a 429, revoked credentials, or an integration LinkedIn no longer
// accepts. Sending stops; what was not written stays to send later.
type stopError struct{ err *rsc.Error }

func (e *stopError) Error() string { return e.err.Error() }
func (e *stopError) Unwrap() error { return e.err }

// isStop reports whether a whole-call failure ends the run.
func isStop(e *rsc.Error) bool {
	return e.Kind == rsc.Snooze || e.Kind == rsc.NeedsReauth || e.Status == http.StatusForbidden
}

// run makes the call and records each record's outcome on its part. It
// returns a *stopError when the call failed as a whole in a way that ends
// the run, and ctx's error when the call failed because ctx ended (the
// outcomes are then unknown and left untouched). An answer that arrived
// is recorded even if ctx ended meanwhile, so what LinkedIn took is not
// sent again.
func (c *call) run(ctx context.Context, cl *rsc.Client, org string) error {
	recs := make([]any, len(c.parts))
	for i, p := range c.parts {
		recs[i] = p.rec
	}
	res, err := c.ep.send(ctx, cl, org, recs)
	if err != nil && ctx.Err() != nil {
		return ctx.Err()
	}
	if err != nil {
		e := asRSCError(err)
		if isStop(e) {
			return &stopError{err: e}
		}
		for _, p := range c.parts {
			p.record(c.ep, callFailure(c.ep, e))
		}
		return nil
	}
	for i, r := range res {
		c.parts[i].record(c.ep, r.Err)
		c.parts[i].created = r.ID
	}
	return nil
}

// record sets the part's outcome. Deleting what LinkedIn does not have is
// what a delete wants, so a 404 on a delete is success.
func (p *part) record(ep endpoint, e *rsc.Error) {
	if e != nil && ep.op.isDelete() && e.Status == http.StatusNotFound {
		e = nil
	}
	p.ok, p.err = e == nil, e
}

// callFailure is the outcome of every record of a call that failed as a
// whole. A 404 on a sub-resource upsert means the parent is not at
// LinkedIn yet (its own send may be waiting for a retry), so it is
// retried rather than refused for good; the attempts bound it.
func callFailure(ep endpoint, e *rsc.Error) *rsc.Error {
	if ep.isSub() && !ep.op.isDelete() && e.Status == http.StatusNotFound {
		c := *e
		c.Kind = rsc.Retryable
		return &c
	}
	return e
}

// asRSCError returns err as an *rsc.Error, wrapping anything else (which
// rsc does not return) as retryable.
func asRSCError(err error) *rsc.Error {
	var e *rsc.Error
	if errors.As(err, &e) {
		return e
	}
	return &rsc.Error{Kind: rsc.KindOf(err), Message: err.Error()}
}
