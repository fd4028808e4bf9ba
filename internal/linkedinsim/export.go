package linkedinsim

import (
	"context"
	"strings"
	"time"

	"attractor/internal/linkedinsim/restli"
)

// This file is 1-Click Export (rsc-api.md §3.13, §6.3; recruiter-surfaces.md
// A.2): a Recruiter seat searches the jobs it may export to (export_jobs.go),
// exports a member to one of them, LinkedIn pushes EXPORT_CANDIDATE_PROFILE
// to the ATS instance and the ATS fetches the record with
// exportedCandidates?q=request&requestId=. The control API and, later, the
// Recruiter UI call the same methods.

// ExportedCandidate is one export: the stub profile of the member as it
// was when exported, the job picked, and who exported it. RequestID is the
// push notification's id and the finder's requestId.
//
// The stub carries no email or phone: LinkedIn documents it as a limited
// stub (name, headline, current employer and title, location, profile
// URL) and ATS vendors note that exported candidates arrive without
// contact data (recruiter-surfaces.md A.2 "What travels"); rsc-api.md
// §3.13 only guesses at contact fields [INF].
type ExportedCandidate struct {
	RequestID            string
	AppID                int64
	OrganizationID       int64
	ContractID           int64
	SeatID               int64
	ExporterPersonURN    string // the member holding the seat
	MemberID             int64
	PersonURN            string
	FirstName            string
	LastName             string
	Headline             string
	Company              string
	Title                string
	Location             string
	ProfileURL           string
	ExternalJobPostingID string
	JobTitle             string
	ExportedAt           time.Time
}

// ExportStore is the storage of exports.
type ExportStore interface {
	// CreateExport inserts e and its push notification in one transaction
	// (a transactional outbox: no export without its notification).
	// ECONFLICT when the request id exists.
	CreateExport(ctx context.Context, e *ExportedCandidate, push *PushNotification) error
	// FindExport returns one export by request id.
	FindExport(ctx context.Context, requestID string) (*ExportedCandidate, error)
	// ListExports returns an app's exports, oldest first.
	ListExports(ctx context.Context, appID int64) ([]*ExportedCandidate, error)
}

// ExportInput is a seat exporting a member to a job of an ATS instance:
// POST /sim/v1/exports, or the Export button of the Recruiter UI.
type ExportInput struct {
	Seat                 string // urn:li:seat:N
	Member               string // urn:li:person:… of the exported member
	AppID                int64  // the ATS instance (child app)
	ExternalJobPostingID string
}

// ExportLimit is the per-seat export limit ExportCandidate charges
// (*Limits implements it). AllowExport counts one export by seat at now or
// refuses it with a 429 error; RefundExport gives back one that was
// counted but not stored.
type ExportLimit interface {
	AllowExport(seat string, now time.Time) error
	RefundExport(seat string, now time.Time)
}

// ExportCandidate performs a 1-Click Export. It checks, in order: the
// input (EUNPROCESSABLE for a missing field, EINVALID for a malformed
// one), the seat (ENOTFOUND; EFORBIDDEN when inactive), the member
// (ENOTFOUND; EUNPROCESSABLE when their account is closed), the app
// (ENOTFOUND; EFORBIDDEN unless its ONE_CLICK_EXPORT is enabled for the
// seat's organization), the job (ENOTFOUND unless the app synced it and
// the seat may see it under the ACLs; EUNPROCESSABLE when closed), and
// only then the export limit (nil: no limit), so a refused export never
// uses up the seat's allowance; an export that is counted but then fails
// to be stored is refunded. It stores the record and queues the
// EXPORT_CANDIDATE_PROFILE push in one transaction.
func (s *Service) ExportCandidate(ctx context.Context, in ExportInput, limit ExportLimit) (*ExportedCandidate, error) {
	if err := in.validate(); err != nil {
		return nil, err
	}
	seat, con, err := s.exportSeat(ctx, "seat", in.Seat)
	if err != nil {
		return nil, err
	}
	member, err := s.exportMember(ctx, in.Member)
	if err != nil {
		return nil, err
	}
	if _, _, err := s.exportApp(ctx, in.AppID, con.OrganizationID); err != nil {
		return nil, err
	}
	job, err := s.exportJob(ctx, seat.ID, in.AppID, in.ExternalJobPostingID)
	if err != nil {
		return nil, err
	}
	holder, err := s.store.FindMemberByID(ctx, seat.MemberID)
	if err != nil {
		return nil, err
	}
	now := s.now()
	seatURN := SeatURN(seat.ID)
	if limit != nil {
		if err := limit.AllowExport(seatURN, now); err != nil {
			return nil, err
		}
	}
	e, err := s.createExport(ctx, seat, con, holder, member, job, in.AppID, now)
	if err != nil {
		if limit != nil {
			limit.RefundExport(seatURN, now)
		}
		return nil, err
	}
	s.wakePushWorker()
	return e, nil
}

// validate checks the input's fields are present (one 422 naming every
// missing field, in LinkedIn's "ERROR :: /field :: …" form) and that the
// member is a person URN (400).
func (in ExportInput) validate() error {
	var vs restli.Violations
	vs = append(vs, restli.Required("/seat", strings.TrimSpace(in.Seat) != "")...)
	vs = append(vs, restli.Required("/member", strings.TrimSpace(in.Member) != "")...)
	vs = append(vs, restli.Required("/app", in.AppID > 0)...)
	vs = append(vs, restli.Required("/externalJobPostingId", strings.TrimSpace(in.ExternalJobPostingID) != "")...)
	if err := unprocessable(vs); err != nil {
		return err
	}
	if personURN("/member", in.Member) != nil {
		return Errorf(EINVALID, "member must be a urn:li:person, got %q.", in.Member)
	}
	return nil
}

// exportSeat resolves the named field's seat URN to an active seat and its
// contract.
func (s *Service) exportSeat(ctx context.Context, field, urn string) (*Seat, *Contract, error) {
	seat, con, err := s.findSeat(ctx, field, urn)
	if err != nil {
		return nil, nil, err
	}
	if !seat.Active {
		return nil, nil, forbidden("%s %s is not an active Recruiter seat.", field, urn)
	}
	return seat, con, nil
}

// exportMember resolves the member to export; a closed account cannot be
// exported (recruiter-surfaces.md A.2 "member cannot be exported").
func (s *Service) exportMember(ctx context.Context, urn string) (*Member, error) {
	m, err := s.store.MatchMemberByPersonURN(ctx, urn)
	if ErrorCode(err) == ENOTFOUND {
		return nil, Errorf(ENOTFOUND, "member %s: no such member.", urn)
	} else if err != nil {
		return nil, err
	}
	if m.Closed {
		return nil, Errorf(EUNPROCESSABLE, "member %s closed their LinkedIn account and cannot be exported.", urn)
	}
	return m, nil
}

// exportApp checks the app is a child app whose ONE_CLICK_EXPORT is
// enabled for the organization, and returns it with that integration.
func (s *Service) exportApp(ctx context.Context, appID, org int64) (*App, *Integration, error) {
	app, err := s.childApp(ctx, appID)
	if ErrorCode(err) == ENOTFOUND {
		return nil, nil, Errorf(ENOTFOUND, "app %s: no such ATS instance (customer application).", AppURN(appID))
	} else if err != nil {
		return nil, nil, err
	}
	ins, err := s.store.ListIntegrationsInContext(ctx, appID, OrganizationURN(org))
	if err != nil {
		return nil, nil, err
	}
	for i := range ins {
		if ins[i].Key.Type == OneClickExport && ins[i].Status == StatusEnabled {
			return app, &ins[i], nil
		}
	}
	return nil, nil, forbidden("app %s: 1-Click Export (ONE_CLICK_EXPORT) is not enabled for %s.",
		AppURN(appID), OrganizationURN(org))
}

// exportJob finds the job the seat exports to: synced by the app and
// visible to the seat. A job the seat may not see is reported exactly as
// one that does not exist, so ACL-secured jobs are not disclosed.
func (s *Service) exportJob(ctx context.Context, seatID, appID int64, extID string) (*Job, error) {
	jobs, err := s.exportableJobs(ctx, seatID)
	if err != nil {
		return nil, err
	}
	for _, ej := range jobs {
		if ej.Job.ExternalJobPostingID != extID || ej.AppID != appID {
			continue
		}
		if ej.Job.State != JobListed {
			return nil, Errorf(EUNPROCESSABLE, "externalJobPostingId %q: the job is closed.", extID)
		}
		return ej.Job, nil
	}
	return nil, Errorf(ENOTFOUND, "externalJobPostingId %q: no job of app %s that seat %s may export to.",
		extID, AppURN(appID), SeatURN(seatID))
}

// newExport builds the record, copying the member's profile.
// createExport stores a new export record with its push.
func (s *Service) createExport(ctx context.Context, seat *Seat, con *Contract, holder, m *Member, job *Job,
	appID int64, now time.Time) (*ExportedCandidate, error) {
	e := newExport(seat, con, holder, m, job, appID, now)
	push, err := newPush(appID, PushExportCandidateProfile, PushPayload{ID: e.RequestID}, now)
	if err != nil {
		return nil, err
	}
	if err := s.store.CreateExport(ctx, e, &push); err != nil {
		return nil, err
	}
	return e, nil
}

func newExport(seat *Seat, con *Contract, holder, m *Member, job *Job, appID int64, now time.Time) *ExportedCandidate {
	return &ExportedCandidate{RequestID: newRequestID(), AppID: appID, OrganizationID: con.OrganizationID,
		ContractID: con.ID, SeatID: seat.ID, ExporterPersonURN: holder.PersonURN, MemberID: m.ID,
		PersonURN: m.PersonURN, FirstName: m.FirstName, LastName: m.LastName, Headline: m.Headline,
		Company: m.Company, Title: m.Title, Location: m.Location, ProfileURL: m.ProfileURL,
		ExternalJobPostingID: job.ExternalJobPostingID, JobTitle: job.Title, ExportedAt: now}
}

// FindExportedCandidates serves exportedCandidates?q=request&requestId=
// (rsc-api.md §3.13) for a child app. An unknown request id, or another
// app's, finds nothing: Rest.li finders answer an empty collection, as the
// atsIntegrations request finder does, so ids cannot be probed [INF:
// LinkedIn does not document the case]. A found export still needs the
// app's RSC enabled for the export's organization (CapSync), so a
// disabled integration stops serving exports (403).
func (s *Service) FindExportedCandidates(ctx context.Context, app *App, requestID string) ([]*ExportedCandidate, error) {
	if err := syncRequireChild(app); err != nil {
		return nil, err
	}
	e, err := s.store.FindExport(ctx, requestID)
	if ErrorCode(err) == ENOTFOUND || err == nil && e.AppID != app.ID {
		return []*ExportedCandidate{}, nil
	} else if err != nil {
		return nil, err
	}
	if err := s.Authorize(ctx, app, OrganizationURN(e.OrganizationID), CapSync); err != nil {
		return nil, err
	}
	return []*ExportedCandidate{e}, nil
}
