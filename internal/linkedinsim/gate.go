package linkedinsim

import (
	"context"
	"strings"
)

// Capability is what a child app asks to do in an integration context.
// rsc-api.md §2.5 and §7 say only that a wrong context or a not-enabled
// integration is 403 [INF]; the gate makes that one rule for every handler.
type Capability int

// The capabilities the gate checks.
const (
	// CapIntegrations is managing the integrations of an own context:
	// naming them, configuring them, reading them back (rsc-api.md §3.3,
	// §3.4). Any integration of the app in that context, in any state,
	// makes it the app's own.
	CapIntegrations Capability = iota + 1
	// CapSync is writing or reading synced data (jobs, candidates,
	// applications, notes, feedback, stages, ACLs) under an organization
	// context: some RSC integration of the app there must be ENABLED
	// ("once enabled the ATS may send data", rsc-api.md §6.1 step 6).
	CapSync
	// CapCSA is the contract-level retrieval (seats, InMail, stubs,
	// prospect notes) under a contract context: its CSA_API integration
	// must be ENABLED (rsc-api.md §1.4, §6.5).
	CapCSA
)

// String names the capability in messages.
func (c Capability) String() string {
	switch c {
	case CapIntegrations:
		return "integrations"
	case CapSync:
		return "sync"
	case CapCSA:
		return "CSA_API"
	}
	return "unknown"
}

// Authorize decides whether app may use integrationContext for need. It
// returns nil or an EFORBIDDEN *Error (403) that says why: a parent token,
// a context that is not the app's (another customer's, or never
// requested), an integration not enabled, or CSA_API not enabled for the
// contract. Handlers call it for every context of a
// request before writing anything, so a refusal leaves nothing half done.
func (s *Service) Authorize(ctx context.Context, app *App, integrationContext string, need Capability) error {
	if err := requireChildToken(app); err != nil {
		return err
	}
	ins, err := s.store.ListIntegrationsInContext(ctx, app.ID, integrationContext)
	if err != nil {
		return err
	}
	if len(ins) == 0 {
		return forbidden("Integration context %s does not belong to this application: no integration was requested for it.", integrationContext)
	}
	switch need {
	case CapIntegrations:
		return nil
	case CapSync:
		return authorizeSync(ins, integrationContext)
	case CapCSA:
		return authorizeCSA(ins, integrationContext)
	}
	return forbidden("Unknown capability %d.", need)
}

// authorizeSync needs an enabled integration in an organization context.
func authorizeSync(ins []Integration, integrationContext string) error {
	if !strings.HasPrefix(integrationContext, organizationURNPrefix) {
		return forbidden("Integration context %s is not an organization; synced data lives under urn:li:organization contexts.", integrationContext)
	}
	for _, in := range ins {
		if in.Status == StatusEnabled {
			return nil
		}
	}
	return forbidden("Recruiter System Connect is not enabled for %s (status %s): data writes are refused until a Recruiter admin enables the integration.",
		integrationContext, ins[0].Status)
}

// authorizeCSA needs the context's CSA_API integration enabled.
func authorizeCSA(ins []Integration, integrationContext string) error {
	for _, in := range ins {
		if in.Key.Type == CSAAPI && in.Status == StatusEnabled {
			return nil
		}
		if in.Key.Type == CSAAPI {
			return forbidden("CSA_API is not enabled for %s (status %s): contract-level access must be enabled by a Recruiter admin.",
				integrationContext, in.Status)
		}
	}
	return forbidden("CSA_API is not enabled for %s: contract-level access was not requested for it.", integrationContext)
}

// requireChildToken refuses the partner's parent app, whose token serves
// only provisioning.
func requireChildToken(app *App) error {
	if app.Kind != ChildApp {
		return forbidden("The partner (parent) application may only call provisionedApplications; use the customer application's token.")
	}
	return nil
}

// forbidden is the gate's 403.
func forbidden(format string, args ...any) *Error {
	return Errorf(EFORBIDDEN, format, args...)
}
