package syncer

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"

	"attractor/internal/ats"
	"attractor/internal/rsc"
)

// This file is the admin's part of the setup after Connect (rsc-api.md
// §6.1 steps 3–4): the widget's request, naming and configuring the
// integrations, and the settings and repairs of the admin page.

// RequestInput is the onboarding widget's onintegrate payload, taken
// whole: the customer's organization and contract, and optionally the
// requestId of the atsIntegrations q=request finder, the integration
// types and the bundle the request covers.
type RequestInput struct {
	Organization     string   `json:"organization"`
	Contract         string   `json:"contract"`
	RequestID        string   `json:"requestId,omitempty"`
	IntegrationTypes []string `json:"integrationTypes,omitempty"`
	Bundle           string   `json:"bundle,omitempty"`
}

// maxRequestID bounds ids LinkedIn hands over (theirs are UUIDs).
const maxRequestID = 200

// validate reports every wrong field at once, by its wire name.
func (in RequestInput) validate() error {
	p := ats.Problems{}
	if !rsc.IsOrganizationURN(in.Organization) {
		p.Add("organization", "Must be the organization URN the widget handed over (urn:li:organization:…).")
	}
	if !rsc.IsContractURN(in.Contract) {
		p.Add("contract", "Must be the contract URN the widget handed over (urn:li:contract:…).")
	}
	if len(in.RequestID) > maxRequestID || strings.ContainsFunc(in.RequestID, func(r rune) bool { return r < ' ' || r == 0x7f }) {
		p.Add("requestId", fmt.Sprintf("Must be at most %d printable characters.", maxRequestID))
	}
	for _, t := range in.IntegrationTypes {
		if !slices.Contains(allTypes, t) {
			p.Add("integrationTypes", fmt.Sprintf("Unknown integration type %q.", t))
		}
	}
	if in.Bundle != "" && in.Bundle != BundleCompany && in.Bundle != BundleContract {
		p.Add("bundle", "Must be "+BundleCompany+" or "+BundleContract+".")
	}
	return p.Err()
}

// The integration types and what the Recruiter admin sees each called.
var (
	orgTypes   = []string{rsc.OneClickExport, rsc.InATSIndicator, rsc.ProfilePlugin}
	allTypes   = append(slices.Clone(orgTypes), rsc.CSAAPI)
	typeLabels = map[string]string{rsc.OneClickExport: "1-Click Export", rsc.InATSIndicator: "In-ATS Indicator",
		rsc.ProfilePlugin: "Profile Widget", rsc.CSAAPI: "InMail, Notes and Stubs"}
)

// Request takes the onboarding widget's onintegrate payload: it stores the
// organization and contract, names the requested integrations and writes
// their configurations (rsc-api.md §6.1 steps 3–4), then reads LinkedIn's
// status back. Invalid URNs are EINVALID naming the field; a request
// before Connect, or for another company while enabled, is ECONFLICT.
// Admins only.
func (s *Syncer) Request(ctx context.Context, req RequestInput) (*IntegrationView, error) {
	if _, err := requireAdmin(ctx); err != nil {
		return nil, err
	}
	if err := req.validate(); err != nil {
		return nil, err
	}
	in, err := s.change(ctx, func(in *ats.LinkedInIntegration) error {
		if err := requireConnected(in); err != nil {
			return err
		}
		if in.Stage == ats.StageEnabled && in.Organization != req.Organization {
			return ats.Errorf(ats.ECONFLICT, "This instance is enabled for %s. A Recruiter admin must disable it there before another company can be connected.", in.Organization)
		}
		in.Organization, in.Contract = req.Organization, req.Contract
		if req.RequestID != "" {
			in.RequestID = req.RequestID
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := s.configure(ctx, in); err != nil {
		return nil, err
	}
	if err := s.refreshStatus(ctx, ""); err != nil {
		return nil, s.linkedInError(ctx, err, "read the integrations' status")
	}
	return s.view(ctx)
}

// Notify sends the names and configurations again and re-reads the
// status: the admin page's answer to the widget's "Notify partner", and a
// repair after the public URL changed. Admins only.
func (s *Syncer) Notify(ctx context.Context) (*IntegrationView, error) {
	if _, err := requireAdmin(ctx); err != nil {
		return nil, err
	}
	in, err := s.loadIntegration(ctx)
	if err != nil {
		return nil, err
	}
	if err := requireConnected(in); err != nil {
		return nil, err
	}
	if in.Organization == "" {
		return nil, ats.Errorf(ats.ECONFLICT, "Nothing to notify yet: request access in LinkedIn's widget first.")
	}
	if err := s.configure(ctx, in); err != nil {
		return nil, err
	}
	if err := s.refreshStatus(ctx, ""); err != nil {
		return nil, s.linkedInError(ctx, err, "read the integrations' status")
	}
	return s.view(ctx)
}

// requireConnected refuses setup steps before Connect (or after
// Disconnect): there is no app to act as.
func requireConnected(in *ats.LinkedInIntegration) error {
	if in.ClientID == "" || in.Stage == ats.StageNotConnected {
		return ats.Errorf(ats.ECONFLICT, "LinkedIn is not connected: connect first, then request access in LinkedIn's widget.")
	}
	return nil
}

// configure names the integrations and writes their configurations with
// the child app. The organization's three are required; CSA_API is named
// only when the customer requested contract-level access (LinkedIn refuses
// a contract context nobody requested, which is then skipped).
//
// JOB_POSTING_VIEWERS and APPLICATION_VIEWERS are always
// ALL_PRODUCT_USERS: it is the only value LinkedIn accepts (rsc-api.md
// §3.4), it governs jobs and applications without an ACL, and jobs on
// which Attractor sends an ACL (private jobs) are restricted to its
// assignees whatever the default (§3.12).
func (s *Syncer) configure(ctx context.Context, in *ats.LinkedInIntegration) error {
	child := s.child(in)
	label := s.instanceLabel()
	keys := make([]rsc.IntegrationKey, len(orgTypes))
	names := make([]string, len(orgTypes))
	for i, t := range orgTypes {
		keys[i], names[i] = rsc.IntegrationKey{Context: in.Organization, Type: t}, label+" "+typeLabels[t]
	}
	if err := s.batch(ctx, "name the company-level integrations", func() ([]rsc.Result, error) {
		return child.NameIntegrations(ctx, keys, names)
	}); err != nil {
		return err
	}
	csa := rsc.IntegrationKey{Context: in.Contract, Type: rsc.CSAAPI}
	res, err := child.NameIntegrations(ctx, []rsc.IntegrationKey{csa}, []string{label + " " + typeLabels[rsc.CSAAPI]})
	if err == nil && len(res) == 1 && !res[0].OK() {
		err = res[0].Err
	}
	if rsc.KindOf(err) == rsc.Permanent {
		s.log.InfoContext(ctx, "linkedin contract-level access not requested; CSA_API not named",
			slog.String("contract", in.Contract), slog.Any("answer", err))
	} else if err != nil {
		return s.linkedInError(ctx, err, "name the contract-level integration")
	}
	if err := s.batch(ctx, "set the callback URL", func() ([]rsc.Result, error) {
		return child.SetConfigurations(ctx, keys[0], map[string]string{rsc.ConfigCallbackURL: s.callbackURL(),
			rsc.ConfigJobPostingViewers: rsc.AllProductUsers})
	}); err != nil {
		return err
	}
	return s.batch(ctx, "set the application viewers", func() ([]rsc.Result, error) {
		return child.SetConfigurations(ctx, keys[1], map[string]string{rsc.ConfigAppViewers: rsc.AllProductUsers})
	})
}

// batch runs a batch write and turns the first failed entity, or the
// call's failure, into the admin's error.
func (s *Syncer) batch(ctx context.Context, what string, call func() ([]rsc.Result, error)) error {
	res, err := call()
	if err != nil {
		return s.linkedInError(ctx, err, what)
	}
	for _, r := range res {
		if !r.OK() {
			return s.linkedInError(ctx, r.Err, what+" ("+r.Key.String()+")")
		}
	}
	return nil
}

// SetJobAvailability sets the default availability of jobs sent to
// LinkedIn (certification RSC-102): PUBLIC, or PRIVATE (sent as
// PRIVATE_TO_ATS_INTEGRATION). Anything else is EINVALID. Admins only.
func (s *Syncer) SetJobAvailability(ctx context.Context, a ats.Availability) (*IntegrationView, error) {
	if _, err := requireAdmin(ctx); err != nil {
		return nil, err
	}
	if a != ats.AvailabilityPublic && a != ats.AvailabilityPrivate {
		return nil, &ats.Error{Code: ats.EINVALID, Message: "Some fields are not valid.",
			Fields: map[string]string{"job_availability": "Must be PUBLIC or PRIVATE."}}
	}
	if _, err := s.change(ctx, func(in *ats.LinkedInIntegration) error {
		in.JobAvailability = a
		return nil
	}); err != nil {
		return nil, err
	}
	return s.view(ctx)
}

// Disconnect stops all traffic to LinkedIn: the stage becomes
// not_connected, which the drainer, the historical sync, the callback task
// and the status poll all check. Everything else is kept (the app and its
// credentials, the organization and contract, the sync progress, users'
// LinkedIn identities), so Connect later resumes with the same app. What
// LinkedIn shows is left to the Recruiter admin, who alone can switch the
// integration off there. Admins only.
func (s *Syncer) Disconnect(ctx context.Context) (*IntegrationView, error) {
	if _, err := requireAdmin(ctx); err != nil {
		return nil, err
	}
	if _, err := s.change(ctx, func(in *ats.LinkedInIntegration) error {
		if in.Stage != ats.StageNotConnected {
			s.setStage(in, ats.StageNotConnected, ats.AccessNone)
		}
		return nil
	}); err != nil {
		return nil, err
	}
	s.log.InfoContext(ctx, "linkedin disconnected")
	return s.view(ctx)
}

// Failures lists the entities LinkedIn refused for good, newest first,
// with the total. Admins only.
func (s *Syncer) Failures(ctx context.Context, page ats.Page) ([]*ats.SyncFailure, int, error) {
	if _, err := requireAdmin(ctx); err != nil {
		return nil, 0, err
	}
	var list []*ats.SyncFailure
	var total int
	err := s.store.View(ctx, func(tx ats.Tx) (err error) {
		list, total, err = tx.FindSyncFailures(page.Normalize())
		return err
	})
	return list, total, err
}

// RetryFailures queues every listed failure again and wakes the drainer;
// it returns how many were queued. Admins only.
func (s *Syncer) RetryFailures(ctx context.Context) (int, error) {
	if _, err := requireAdmin(ctx); err != nil {
		return 0, err
	}
	var n int
	err := s.store.Update(ctx, func(tx ats.Tx) (err error) {
		n, err = tx.RetrySyncFailures()
		return err
	})
	if err != nil {
		return 0, err
	}
	if n > 0 {
		s.Kick()
	}
	return n, nil
}
