package web

import "attractor/internal/ats"

// The methods below answer the LinkedIn tab's questions about the
// integration's stage, so the template branches on named conditions
// instead of comparing stage strings it could misspell.

// stage is the integration's stage; not connected when unknown.
func (v *linkedInView) stage() ats.IntegrationStage { return ats.IntegrationStage(v.Stage()) }

// StageClass styles the stage badge: good once LinkedIn can or does use
// the integration, bad when it is switched off.
func (v *linkedInView) StageClass() string {
	switch v.stage() {
	case ats.StageEnabled, ats.StagePartnerReady:
		return "ok"
	case ats.StageDisabled:
		return "bad"
	}
	return ""
}

// NotConnected reports whether no LinkedIn app exists for this instance.
func (v *linkedInView) NotConnected() bool { return v.stage() == ats.StageNotConnected }

// Provisioned reports whether the app exists and waits for LinkedIn's
// access request.
func (v *linkedInView) Provisioned() bool { return v.stage() == ats.StageProvisioned }

// PartnerReady reports whether access was requested and waits for a
// Recruiter admin to switch it on.
func (v *linkedInView) PartnerReady() bool { return v.stage() == ats.StagePartnerReady }

// Enabled reports whether LinkedIn uses the integration.
func (v *linkedInView) Enabled() bool { return v.stage() == ats.StageEnabled }

// Disabled reports whether the integration was switched off.
func (v *linkedInView) Disabled() bool { return v.stage() == ats.StageDisabled }

// Onboarding reports whether the widget's section belongs on the page:
// between connecting and LinkedIn switching the integration on.
func (v *linkedInView) Onboarding() bool { return v.Provisioned() || v.PartnerReady() }

// SyncStarted reports whether the historical sync has begun, so its
// progress is worth showing.
func (v *linkedInView) SyncStarted() bool {
	return v.I != nil && v.I.Historical.State != "" && v.I.Historical.State != "not_started"
}

// SyncDone reports whether the historical sync has sent everything.
func (v *linkedInView) SyncDone() bool {
	return v.I != nil && v.I.Historical.State == string(ats.SyncDone)
}
