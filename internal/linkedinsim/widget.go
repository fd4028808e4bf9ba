package linkedinsim

import (
	"context"
	"slices"
	"strings"
)

// Bundle is a bundled integration type of the onboarding widget
// (data-supported-bundled-integration-types, rsc-api.md §5.1). The
// simulator serves the two Recruiter System Connect bundles; the others a
// page may list (APPLY_WITH_LINKEDIN, …) belong to products it does not
// simulate and are not shown.
type Bundle string

// The Recruiter System Connect bundles: company-level and contract-level
// access (recruiter-surfaces.md §A.4).
const (
	BundleCompany  Bundle = "RECRUITER_SYSTEM_CONNECT_COMPANY"
	BundleContract Bundle = "RECRUITER_SYSTEM_CONNECT_CONTRACT"
)

// Level returns the access level the bundle requests.
func (b Bundle) Level() Level {
	if b == BundleContract {
		return LevelContract
	}
	return LevelCompany
}

// ParseBundles reads a data-supported-bundled-integration-types list:
// comma-separated, case-insensitive, unknown values ignored. The result
// holds the RSC bundles asked for, company first.
func ParseBundles(list string) []Bundle {
	var asked []Bundle
	for f := range strings.SplitSeq(list, ",") {
		asked = append(asked, Bundle(strings.ToUpper(strings.TrimSpace(f))))
	}
	var out []Bundle
	for _, b := range []Bundle{BundleCompany, BundleContract} {
		if slices.Contains(asked, b) {
			out = append(out, b)
		}
	}
	return out
}

// BundleState is where a bundle stands for one contract, as the widget's
// button shows it: Request → Notify partner → Partner ready → Enabled
// (recruiter-surfaces.md §A.4).
type BundleState string

// The bundle states.
const (
	BundleRequest       BundleState = "REQUEST"        // not requested (or disabled since)
	BundleNotifyPartner BundleState = "NOTIFY_PARTNER" // requested; the partner has not finished its part
	BundlePartnerReady  BundleState = "PARTNER_READY"  // named and configured; waiting for a Recruiter admin
	BundleEnabled       BundleState = "ENABLED"        // switched on in Recruiter
)

// bundleState derives a bundle's state from the integrations of its
// level: the least advanced integration decides.
func bundleState(set IntegrationSet, keys []IntegrationKey) BundleState {
	state := BundleEnabled
	for _, k := range keys {
		in := set.find(k)
		switch {
		case in == nil || in.Status == StatusDisabled:
			return BundleRequest
		case in.Status == StatusRequested:
			state = BundleNotifyPartner
		case in.Status == StatusPartnerReady && state == BundleEnabled:
			state = BundlePartnerReady
		}
	}
	return state
}

// WidgetBundle is a bundle and its state for the chosen contract.
type WidgetBundle struct {
	Bundle Bundle
	State  BundleState
}

// IntegrationHandoff is what the widget hands to the embedding page's
// data-onintegrate callback after a request: the customer's organization
// and contract URNs (the ATS names the integrations of both, rsc-api.md
// §6.1 step 3), the integration types the request covers, the bundle and
// the requestId of the atsIntegrations q=request finder.
type IntegrationHandoff struct {
	Organization     string            `json:"organization"`
	Contract         string            `json:"contract"`
	IntegrationTypes []IntegrationType `json:"integrationTypes"`
	Bundle           Bundle            `json:"bundle"`
	RequestID        string            `json:"requestId"`
}

// WidgetApp returns the child app whose client id is apiKey, checking
// that origin, the page embedding the widget, is one of its valid
// JavaScript SDK domains. An unknown key is EINVALID, an unlisted origin
// EFORBIDDEN with the "unauthorized domain" message LinkedIn shows.
func (s *Service) WidgetApp(ctx context.Context, apiKey, origin string) (*App, error) {
	if strings.TrimSpace(apiKey) == "" {
		return nil, Errorf(EINVALID, "The widget has no api_key: put the application's client id in the loader script.")
	}
	app, err := s.store.FindAppByClientID(ctx, apiKey)
	if ErrorCode(err) == ENOTFOUND || err == nil && app.Kind != ChildApp {
		return nil, Errorf(EINVALID, "Invalid API key %q: it is not a customer application's client id.", apiKey)
	} else if err != nil {
		return nil, err
	}
	if !OriginAllowed(app, origin) {
		return nil, Errorf(EFORBIDDEN, "Unauthorized domain: %q is not a valid JavaScript SDK domain for the API key %s.",
			origin, apiKey)
	}
	return app, nil
}

// AdminSeats returns the active admin seats of a member, by contract:
// the contracts they may onboard an ATS for.
func (s *Service) AdminSeats(ctx context.Context, memberID int64) ([]MemberSeat, error) {
	seats, err := s.store.ListMemberSeats(ctx, memberID)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(seats, func(x MemberSeat) bool { return !x.Admin || !x.Active }), nil
}

// WidgetBundles returns the state of each bundle for app and the
// contract of seat.
func (s *Service) WidgetBundles(ctx context.Context, app *App, seat MemberSeat, bundles []Bundle) ([]WidgetBundle, error) {
	set, err := s.store.FindIntegrationSet(ctx, app.ID)
	if err != nil {
		return nil, err
	}
	out := make([]WidgetBundle, 0, len(bundles))
	for _, b := range bundles {
		keys := keysOf(b.Level(), seat.Contract.OrganizationID, seat.ContractID)
		out = append(out, WidgetBundle{Bundle: b, State: bundleState(set, keys)})
	}
	return out, nil
}

// RequestBundle records member's request for bundle on seat's contract
// (RequestIntegration checks the admin seat again) and returns what the
// widget hands to the page. Pressing "Notify partner" calls it again: a
// new request, handed over again.
func (s *Service) RequestBundle(ctx context.Context, app *App, member *Member, seat MemberSeat, b Bundle) (IntegrationHandoff, error) {
	org, con := OrganizationURN(seat.Contract.OrganizationID), ContractURN(seat.ContractID)
	reqID, err := s.RequestIntegration(ctx, app.ClientID, member.PersonURN, org, con, b.Level())
	if err != nil {
		return IntegrationHandoff{}, err
	}
	h := IntegrationHandoff{Organization: org, Contract: con, Bundle: b, RequestID: reqID}
	for _, k := range keysOf(b.Level(), seat.Contract.OrganizationID, seat.ContractID) {
		h.IntegrationTypes = append(h.IntegrationTypes, k.Type)
	}
	return h, nil
}
