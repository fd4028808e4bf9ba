package syncer

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"attractor/internal/ats"
	"attractor/internal/queue"
	"attractor/internal/rsc"
)

// This file keeps the stage in step with LinkedIn: the integrations'
// onboardingStatus is read back with the child app (after a notification,
// on the status poll, after the admin's steps) and mapped to a stage and
// access level, trusting nothing but what LinkedIn answers for this
// instance's own organization and contract.

// runStatusPoll re-reads the status while LinkedIn may change it
// (partner ready, enabled or disabled), covering lost notifications.
func (s *Syncer) runStatusPoll(ctx context.Context, _ []byte) error {
	in, err := s.loadIntegration(ctx)
	if err != nil {
		return err
	}
	switch in.Stage {
	case ats.StagePartnerReady, ats.StageEnabled, ats.StageDisabled:
		return taskError(s.refreshStatus(ctx, ""))
	}
	return nil
}

// taskError tells the queue what to do about a failed LinkedIn call:
// snooze for a 429, give up on a refusal (the next poll or notification
// tries afresh), retry with backoff otherwise.
func taskError(err error) error {
	switch rsc.KindOf(err) {
	case 0:
		return nil
	case rsc.Snooze:
		return queue.Snooze(rsc.RetryAfter(err))
	case rsc.Permanent, rsc.NeedsReauth:
		return queue.Cancel(err)
	}
	return err
}

// refreshStatus reads the integrations' onboardingStatus back from
// LinkedIn and moves the stage and access level to match. With a
// requestID (from a notification) it first looks the request up and goes
// on only if it concerns this instance's organization or contract, so a
// notification about anything else changes nothing. Integrations in
// other contexts are ignored with a warning. On a move to enabled the
// historical sync starts unless it is running or done. Nothing changes
// while the instance is disconnected.
func (s *Syncer) refreshStatus(ctx context.Context, requestID string) error {
	in, err := s.loadIntegration(ctx)
	if err != nil || in.Stage == ats.StageNotConnected || in.ClientID == "" || in.Organization == "" {
		return err
	}
	child := s.child(in)
	if requestID != "" {
		items, err := child.IntegrationsByRequest(ctx, requestID)
		if err != nil {
			return err
		}
		if !s.concerns(ctx, in, items, requestID) {
			return nil
		}
	}
	statuses, err := s.statuses(ctx, child, in)
	if err != nil {
		return err
	}
	stage, level := stageOf(statuses)
	return s.applyStatus(ctx, in, stage, level)
}

// concerns reports whether any of a request's integrations is this
// instance's, warning about the others.
func (s *Syncer) concerns(ctx context.Context, in *ats.LinkedInIntegration, items []rsc.Integration, requestID string) bool {
	ours := false
	for _, it := range items {
		if ownContext(in, it) {
			ours = true
			continue
		}
		s.log.WarnContext(ctx, "linkedin status change ignored: not this instance's context",
			slog.String("request", requestID), slog.String("context", it.IntegrationContext),
			slog.String("type", it.IntegrationType))
	}
	if !ours {
		s.log.InfoContext(ctx, "linkedin notification concerns nothing of this instance", slog.String("request", requestID))
	}
	return ours
}

// ownContext reports whether an integration is in this instance's
// organization (the company-level types) or contract (CSA_API).
func ownContext(in *ats.LinkedInIntegration, it rsc.Integration) bool {
	if it.IntegrationType == rsc.CSAAPI {
		return it.IntegrationContext == in.Contract
	}
	return it.IntegrationContext == in.Organization
}

// statuses batch-gets the four integrations: the organization's three in
// one call, CSA_API in another, since LinkedIn refuses a contract context
// for which nothing was requested (then CSA_API counts as absent). The map
// holds normalized onboardingStatus values by type.
func (s *Syncer) statuses(ctx context.Context, child *rsc.Client, in *ats.LinkedInIntegration) (map[string]string, error) {
	keys := make([]rsc.IntegrationKey, len(orgTypes))
	for i, t := range orgTypes {
		keys[i] = rsc.IntegrationKey{Context: in.Organization, Type: t}
	}
	out := map[string]string{}
	got, err := child.GetIntegrations(ctx, keys)
	if err != nil {
		return nil, err
	}
	s.collect(ctx, in, got, out)
	if in.Contract == "" {
		return out, nil
	}
	got, err = child.GetIntegrations(ctx, []rsc.IntegrationKey{{Context: in.Contract, Type: rsc.CSAAPI}})
	if rsc.KindOf(err) == rsc.Permanent {
		return out, nil
	} else if err != nil {
		return nil, err
	}
	s.collect(ctx, in, got, out)
	return out, nil
}

// collect adds the found integrations of this instance's contexts to out.
func (s *Syncer) collect(ctx context.Context, in *ats.LinkedInIntegration, got []rsc.Got[rsc.Integration], out map[string]string) {
	for _, g := range got {
		if g.Value == nil {
			continue
		}
		if !ownContext(in, *g.Value) {
			s.log.WarnContext(ctx, "linkedin integration ignored: not this instance's context",
				slog.String("context", g.Value.IntegrationContext), slog.String("type", g.Value.IntegrationType))
			continue
		}
		out[g.Value.IntegrationType] = normalizeStatus(g.Value.OnboardingStatus)
	}
}

// Normalized onboardingStatus values (REQUESTED and anything unknown count
// as not ready). LinkedIn's enum names are not documented (rsc-api.md
// §3.3 [INF]); "Partner ready", "partner-ready" and PARTNER_READY all read
// the same.
const (
	statusPartnerReady = "PARTNER_READY"
	statusEnabled      = "ENABLED"
	statusDisabled     = "DISABLED"
)

func normalizeStatus(s string) string {
	return strings.NewReplacer(" ", "_", "-", "_").Replace(strings.ToUpper(strings.TrimSpace(s)))
}

// stageOf maps the integrations' statuses to a stage and access level: the
// organization's three decide the stage (all enabled: enabled; any
// disabled: disabled; all at least partner ready: partner ready; else
// still provisioned), and an enabled CSA_API makes the access contract
// level.
func stageOf(statuses map[string]string) (ats.IntegrationStage, ats.AccessLevel) {
	enabled, ready, disabled := 0, 0, false
	for _, t := range orgTypes {
		switch statuses[t] {
		case statusEnabled:
			enabled++
			ready++
		case statusPartnerReady:
			ready++
		case statusDisabled:
			disabled = true
		}
	}
	switch {
	case disabled:
		return ats.StageDisabled, ats.AccessNone
	case enabled == len(orgTypes) && statuses[rsc.CSAAPI] == statusEnabled:
		return ats.StageEnabled, ats.AccessContract
	case enabled == len(orgTypes):
		return ats.StageEnabled, ats.AccessCompany
	case ready == len(orgTypes):
		return ats.StagePartnerReady, ats.AccessNone
	}
	return ats.StageProvisioned, ats.AccessNone
}

// applyStatus saves a changed stage, unless the instance was disconnected
// or its organization changed meanwhile. While the integration is enabled
// the historical sync starts if it never did, and a running one is queued
// again (a no-op while its task waits or runs): its task ends when the
// stage leaves enabled, so this resumes it after a disable and re-enable,
// or a reconnect, where it stopped.
func (s *Syncer) applyStatus(ctx context.Context, read *ats.LinkedInIntegration, stage ats.IntegrationStage, level ats.AccessLevel) error {
	var saved *ats.LinkedInIntegration
	err := s.store.Update(ctx, func(tx ats.Tx) error {
		in, err := tx.FindIntegration()
		if err != nil {
			return err
		}
		saved = in
		if in.Stage == ats.StageNotConnected || in.Organization != read.Organization || in.Contract != read.Contract ||
			(in.Stage == stage && in.AccessLevel == level) {
			return nil
		}
		s.log.InfoContext(ctx, "linkedin integration status changed", slog.String("from", string(in.Stage)),
			slog.String("to", string(stage)), slog.String("access", string(level)))
		s.setStage(in, stage, level)
		in.UpdatedAt = time.Time{}
		return tx.SaveIntegration(in)
	})
	if err != nil {
		return err
	}
	switch {
	case saved.Stage != ats.StageEnabled:
	case saved.Progress.State == ats.SyncNotStarted:
		return s.startHistorical(ctx, true)
	case saved.Progress.State == ats.SyncRunning:
		return s.enqueueHistorical(ctx, saved.Progress.StartedAt)
	}
	return nil
}
