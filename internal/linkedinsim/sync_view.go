package linkedinsim

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// This file is Recruiter's In-ATS indicator (recruiter-surfaces.md A.1):
// what a seat sees of a member in the ATS instances of its organization —
// the synced candidates matched to the member, their applications with
// the dated stage trail, interview feedback and notes, filtered by the
// ACLs and APPLICATION_VIEWERS (rsc-api.md §3.4, §3.12). The control API
// serves it now (GET /sim/v1/in-ats); the Recruiter UI reuses it.

// ViewStore is the storage the In-ATS view reads beyond SyncStore.
type ViewStore interface {
	// ListOrgCandidates returns every candidate appID synced to an
	// organization, by atsCandidateId.
	ListOrgCandidates(ctx context.Context, appID, organizationID int64) ([]*Candidate, error)
	// ListCandidateApplications returns the applications naming a
	// candidate, by atsJobApplicationId.
	ListCandidateApplications(ctx context.Context, candidate RecordKey) ([]*Application, error)
}

// InATSView is what the In-ATS indicator shows a seat for a member: one
// block per ATS instance with IN_ATS_INDICATOR enabled in the seat's
// organization that holds a candidate matched to the member.
type InATSView struct {
	Seat      string          `json:"seat"`
	Member    string          `json:"member"`
	Instances []InATSInstance `json:"instances"`
}

// InATSInstance is one ATS instance (child app) of the view.
type InATSInstance struct {
	App             string           `json:"app"`
	AppID           int64            `json:"-"`
	IntegrationName string           `json:"integrationName"`
	Candidates      []InATSCandidate `json:"candidates"`
}

// InATSCandidate is a synced candidate matched to the member.
type InATSCandidate struct {
	ATSCandidateID     string             `json:"atsCandidateId"`
	MatchedBy          string             `json:"matchedBy"` // manual, email, profileUrl or personUrn
	FirstName          string             `json:"firstName,omitempty"`
	LastName           string             `json:"lastName,omitempty"`
	ExternalProfileURL string             `json:"externalProfileUrl,omitempty"`
	ATSCreatedAt       *int64             `json:"atsCreatedAt,omitempty"`
	ATSLastModifiedAt  *int64             `json:"atsLastModifiedAt,omitempty"`
	Notes              []InATSItem        `json:"notes"`
	Applications       []InATSApplication `json:"applications"`
}

// InATSApplication is one application the seat may see.
type InATSApplication struct {
	ATSJobApplicationID  string       `json:"atsJobApplicationId"`
	ExternalJobPostingID string       `json:"externalJobPostingId"`
	JobTitle             string       `json:"jobTitle"`
	Source               string       `json:"source,omitempty"`
	DispositionReason    string       `json:"dispositionReason,omitempty"`
	ATSCreatedAt         *int64       `json:"atsCreatedAt,omitempty"`
	ATSLastModifiedAt    *int64       `json:"atsLastModifiedAt,omitempty"`
	LatestStage          string       `json:"latestStage,omitempty"`
	Stages               []InATSStage `json:"stages"`
	InterviewFeedback    []InATSItem  `json:"interviewFeedback"`
	Notes                []InATSItem  `json:"notes"`
}

// InATSStage is one dated step of an application's stage trail.
type InATSStage struct {
	ID           string `json:"id"`
	Stage        string `json:"stage"`
	ATSCreatedAt int64  `json:"atsCreatedAt"`
}

// InATSItem is a note or an interview feedback: its ATS id and the record
// as synced.
type InATSItem struct {
	ID     string          `json:"id"`
	Record json.RawMessage `json:"record"`
}

// InATSView builds the In-ATS indicator of member (urn:li:person or id)
// for seat (urn:li:seat). An unknown seat or member is ENOTFOUND, an
// inactive seat ECONFLICT. A closed member shows nothing: LinkedIn stops
// showing closed profiles.
//
// Synced data belongs to the ATS instance that synced it, so an instance's
// block shows only its own candidates, their applications to its own jobs,
// under its own ACLs; an instance with no matched candidate has no block.
// An application is visible when its job is secured by an ACL (of the same
// instance) listing the seat's member as assignee, or is not
// secured and [INF] the instance's APPLICATION_VIEWERS is ALL_PRODUCT_USERS
// — the per-customer default for unsecured entities (recruiter-surfaces.md
// A.1 rule 1; rsc-certification.md RSC-104 requires setting it when no
// ACLs are used). A hidden application hides its stages, feedback and
// notes too.
func (s *Service) InATSView(ctx context.Context, seatURN, memberRef string) (InATSView, error) {
	seat, con, err := s.actingSeat(ctx, "seat", seatURN)
	if err != nil {
		return InATSView{}, err
	}
	m, err := s.member(ctx, "member", memberRef)
	if err != nil {
		return InATSView{}, err
	}
	view := InATSView{Seat: SeatURN(seat.ID), Member: m.PersonURN, Instances: []InATSInstance{}}
	if m.Closed {
		return view, nil
	}
	org := con.OrganizationID
	instances, err := s.indicatorInstances(ctx, org)
	if err != nil || len(instances) == 0 {
		return view, err
	}
	var vis *appVisibility
	for _, in := range instances {
		cands, err := s.candidatesOf(ctx, in.app.AppID, org, m)
		if err != nil {
			return view, err
		}
		if len(cands) == 0 {
			continue
		}
		if vis == nil {
			if vis, err = s.applicationVisibility(ctx, seat.ID); err != nil {
				return view, err
			}
		}
		if err := vis.addACLs(ctx, s.store, in.app.AppID, org); err != nil {
			return view, err
		}
		block := InATSInstance{App: AppURN(in.app.AppID), AppID: in.app.AppID, IntegrationName: in.app.Name,
			Candidates: []InATSCandidate{}}
		for _, c := range cands {
			vc := c.view
			vc.Applications = []InATSApplication{}
			for _, a := range c.apps {
				if vis.visible(a.ExternalJobPostingID, in.app.AppID, in.allViewers) {
					a.JobTitle = vis.visibleJobs[jobRef{in.app.AppID, a.ExternalJobPostingID}].Title
					vc.Applications = append(vc.Applications, a)
				}
			}
			block.Candidates = append(block.Candidates, vc)
		}
		view.Instances = append(view.Instances, block)
	}
	return view, nil
}

// indicatorInstance is an enabled IN_ATS_INDICATOR integration and
// whether its APPLICATION_VIEWERS opens unsecured jobs to every seat.
type indicatorInstance struct {
	app        Integration
	allViewers bool
}

// indicatorInstances returns the IN_ATS_INDICATOR integrations enabled
// for org, by app id.
func (s *Service) indicatorInstances(ctx context.Context, org int64) ([]indicatorInstance, error) {
	ins, err := s.store.ListAllIntegrations(ctx)
	if err != nil {
		return nil, err
	}
	var out []indicatorInstance
	for _, in := range ins {
		if in.Key.Type != InATSIndicator || in.Status != StatusEnabled || in.OrganizationID != org {
			continue
		}
		set, err := s.store.FindIntegrationSet(ctx, in.AppID)
		if err != nil {
			return nil, err
		}
		all := false
		for _, c := range set.Configurations {
			if c.Key == in.Key && c.Name == ConfigApplicationViews && c.Value == "ALL_PRODUCT_USERS" {
				all = true
			}
		}
		out = append(out, indicatorInstance{app: in, allViewers: all})
	}
	slices.SortFunc(out, func(a, b indicatorInstance) int { return cmp.Compare(a.app.AppID, b.app.AppID) })
	return out, nil
}

// viewCandidate is a matched candidate with all its applications, before
// the per-instance visibility filter.
type viewCandidate struct {
	view InATSCandidate
	apps []InATSApplication
}

// candidatesOf returns the candidates app synced to org matched to m: the manual
// match when one is set (it overrides), else an exact match under
// MatchCandidate's rules that resolves to m.
func (s *Service) candidatesOf(ctx context.Context, app, org int64, m *Member) ([]viewCandidate, error) {
	all, err := s.store.ListOrgCandidates(ctx, app, org)
	if err != nil {
		return nil, err
	}
	memberURL, _ := NormalizeProfileURL(m.ProfileURL)
	var out []viewCandidate
	for _, c := range all {
		rec, err := c.Record()
		if err != nil {
			return nil, fmt.Errorf("decode candidate %s: %w", c.Key(), err)
		}
		by := ""
		if c.ManualMatchedMember != "" {
			if c.ManualMatchedMember == m.PersonURN {
				by = "manual"
			}
		} else if mayMatch(rec.facts(), m, memberURL) {
			exact, method, err := s.exactMatch(ctx, rec.facts())
			if err != nil {
				return nil, err
			}
			if exact != nil && exact.ID == m.ID {
				by = string(method)
			}
		}
		if by == "" {
			continue
		}
		vc, err := s.viewCandidate(ctx, c, rec, by)
		if err != nil {
			return nil, err
		}
		out = append(out, vc)
	}
	return out, nil
}

// mayMatch is a cheap pre-filter: some exact key of the candidate equals
// the member's. exactMatch then decides, since an earlier key may name
// another member.
func mayMatch(f CandidateFacts, m *Member, memberURL string) bool {
	if urn, ok := NormalizePersonURN(f.PersonURN); ok && urn == m.PersonURN {
		return true
	}
	if u, ok := NormalizeProfileURL(f.ProfileURL); ok && memberURL != "" && u == memberURL {
		return true
	}
	for _, e := range f.Emails {
		if EmailKey(strings.TrimPrefix(e, "mailto:")) == m.EmailKey && m.EmailKey != "" {
			return true
		}
	}
	return false
}

// viewCandidate reads a candidate's notes and applications.
func (s *Service) viewCandidate(ctx context.Context, c *Candidate, rec CandidateRecord, by string) (viewCandidate, error) {
	str := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	vc := viewCandidate{view: InATSCandidate{ATSCandidateID: c.ATSCandidateID, MatchedBy: by,
		FirstName: str(rec.FirstName), LastName: str(rec.LastName), ExternalProfileURL: str(rec.ExternalProfileURL),
		ATSCreatedAt: rec.ATSCreatedAt, ATSLastModifiedAt: rec.ATSLastModifiedAt}}
	notes, err := s.store.ListSubRecords(ctx, c.Key(), KindCandidateNote)
	if err != nil {
		return vc, err
	}
	vc.view.Notes = items(notes)
	apps, err := s.store.ListCandidateApplications(ctx, c.Key())
	if err != nil {
		return vc, err
	}
	for _, a := range apps {
		va, err := s.viewApplication(ctx, a)
		if err != nil {
			return vc, err
		}
		vc.apps = append(vc.apps, va)
	}
	return vc, nil
}

// viewApplication reads an application with its stages, feedback and
// notes. The job title is the application's atsJobPostingName, replaced by
// the synced job's title by the visibility pass when the job is known.
func (s *Service) viewApplication(ctx context.Context, a *Application) (InATSApplication, error) {
	var rec ApplicationRecord
	if err := json.Unmarshal(a.Body, &rec); err != nil {
		return InATSApplication{}, fmt.Errorf("decode application %s: %w", a.Key(), err)
	}
	str := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	va := InATSApplication{ATSJobApplicationID: a.ATSJobApplicationID, ExternalJobPostingID: a.ATSJobPostingID,
		JobTitle: str(rec.ATSJobPostingName), Source: str(rec.Source), DispositionReason: str(rec.DispositionReason),
		ATSCreatedAt: rec.ATSCreatedAt, ATSLastModifiedAt: rec.ATSLastModifiedAt, Stages: []InATSStage{}}
	key := a.Key()
	stages, err := s.store.ListSubRecords(ctx, key, KindStage)
	if err != nil {
		return va, err
	}
	for _, st := range stages {
		var sr StageRecord
		if err := json.Unmarshal(st.Body, &sr); err != nil || sr.Stage == nil || sr.ATSCreatedAt == nil {
			return va, fmt.Errorf("decode stage %s/%s: %v", key, st.ID, err)
		}
		va.Stages = append(va.Stages, InATSStage{ID: st.ID, Stage: *sr.Stage, ATSCreatedAt: *sr.ATSCreatedAt})
	}
	slices.SortStableFunc(va.Stages, func(x, y InATSStage) int {
		return cmp.Or(cmp.Compare(x.ATSCreatedAt, y.ATSCreatedAt), cmp.Compare(x.ID, y.ID))
	})
	if n := len(va.Stages); n > 0 {
		va.LatestStage = va.Stages[n-1].Stage
	}
	fb, err := s.store.ListSubRecords(ctx, key, KindInterviewFeedback)
	if err != nil {
		return va, err
	}
	va.InterviewFeedback = items(fb)
	notes, err := s.store.ListSubRecords(ctx, key, KindApplicationNote)
	if err != nil {
		return va, err
	}
	va.Notes = items(notes)
	return va, nil
}

// items renders sub-records for the view.
func items(recs []*SubRecord) []InATSItem {
	out := make([]InATSItem, len(recs))
	for i, r := range recs {
		out[i] = InATSItem{ID: r.ID, Record: r.Body}
	}
	return out
}

// jobRef names a synced job: the app that synced it and its
// externalJobPostingId.
type jobRef struct {
	app int64
	id  string
}

// appVisibility answers which applications of an organization a seat may
// see, by app and job.
type appVisibility struct {
	visibleJobs map[jobRef]*Job // JobsVisibleTo: unsecured, or secured and assigned
	secured     map[jobRef]bool // jobs some ACL of their app secures
}

func (s *Service) applicationVisibility(ctx context.Context, seatID int64) (*appVisibility, error) {
	v := &appVisibility{visibleJobs: map[jobRef]*Job{}, secured: map[jobRef]bool{}}
	jobs, err := s.store.JobsVisibleTo(ctx, seatID)
	if err != nil {
		return nil, err
	}
	for _, j := range jobs {
		v.visibleJobs[jobRef{j.AppID, j.ExternalJobPostingID}] = j
	}
	return v, nil
}

// addACLs records which of app's jobs in org its ACLs secure.
func (v *appVisibility) addACLs(ctx context.Context, st Store, app, org int64) error {
	acls, err := st.ListACLs(ctx, app, org)
	if err != nil {
		return err
	}
	for _, a := range acls {
		if a.EntityType == EntityTypeJobPosting {
			v.secured[jobRef{app, a.EntityID}] = true
		}
	}
	return nil
}

// visible reports whether an application on app's job shows in app's block.
func (v *appVisibility) visible(job string, app int64, allViewers bool) bool {
	r := jobRef{app, job}
	if _, ok := v.visibleJobs[r]; !ok {
		return false
	}
	return v.secured[r] || allViewers
}
