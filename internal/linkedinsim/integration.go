package linkedinsim

import (
	"context"
	"time"
)

// IntegrationType is an atsIntegrations integrationType (rsc-api.md §3.3).
// The simulator serves the four RSC types; add-ons (RECOMMENDED_MATCHES,
// UNIFIED_SEARCH) and other products are refused as unknown.
type IntegrationType string

// The RSC integration types. The first three live in an organization
// context, CSA_API in a contract context (rsc-api.md §1.3, §3.3).
const (
	OneClickExport IntegrationType = "ONE_CLICK_EXPORT"
	InATSIndicator IntegrationType = "IN_ATS_INDICATOR"
	ProfilePlugin  IntegrationType = "PROFILE_PLUGIN"
	CSAAPI         IntegrationType = "CSA_API"
)

// The constant parts of every atsIntegrations key (rsc-api.md §1.3, §3.3).
const (
	TenantRecruiter = "RECRUITER"
	DataProviderATS = "ATS"
)

// IntegrationStatus is an integration's onboardingStatus. rsc-api.md §3.3
// names the field but not its values; the simulator uses the life cycle of
// §7 [INF]: REQUESTED → PARTNER_READY → ENABLED → DISABLED.
type IntegrationStatus string

// The integration life cycle (rsc-api.md §6.1, §7).
const (
	StatusRequested    IntegrationStatus = "REQUESTED"     // the member asked in the onboarding widget
	StatusPartnerReady IntegrationStatus = "PARTNER_READY" // named by the partner, CALLBACK_URL set
	StatusEnabled      IntegrationStatus = "ENABLED"       // switched on by a Recruiter admin
	StatusDisabled     IntegrationStatus = "DISABLED"      // switched off again
)

// Level is the access a customer requests and an admin enables: company
// level (the organization-context types) or contract level (those plus
// CSA_API for one contract). The widget calls them the bundles
// RECRUITER_SYSTEM_CONNECT_COMPANY and _CONTRACT (rsc-api.md §3.3, §5.1).
type Level string

// The two access levels.
const (
	LevelCompany  Level = "company"
	LevelContract Level = "contract"
)

// companyTypes are the integration types of company-level access, in the
// order the Postman collection names them (rsc-api.md §8 rows 6–9).
var companyTypes = []IntegrationType{OneClickExport, InATSIndicator, ProfilePlugin}

// IntegrationKey identifies an integration of an app: its context (an
// organization or contract URN) and type.
type IntegrationKey struct {
	Context string
	Type    IntegrationType
}

// Integration is one of an app's integrations. ContractID is set only for
// a contract-context (CSA_API) integration; OrganizationID always holds
// the organization of the context. EnabledAt is zero until first enabled.
type Integration struct {
	AppID          int64
	Key            IntegrationKey
	OrganizationID int64
	ContractID     int64
	Name           string
	Status         IntegrationStatus
	RequestedAt    time.Time
	EnabledAt      time.Time
	UpdatedAt      time.Time
}

// ConfigKey names an integration configuration (rsc-api.md §3.4).
type ConfigKey string

// The configurations RSC uses.
const (
	ConfigCallbackURL       ConfigKey = "CALLBACK_URL"
	ConfigJobPostingViewers ConfigKey = "JOB_POSTING_VIEWERS"
	ConfigApplicationViews  ConfigKey = "APPLICATION_VIEWERS"
)

// Configuration is one configuration value of an integration.
type Configuration struct {
	AppID     int64
	Key       IntegrationKey
	Name      ConfigKey
	Value     string
	UpdatedAt time.Time
}

// RequestKind tells a member's request in the onboarding widget from a
// status change LinkedIn pushes to the partner.
type RequestKind string

// The kinds of integration request.
const (
	KindRequest      RequestKind = "REQUEST"
	KindStatusChange RequestKind = "STATUS_CHANGE"
)

// IntegrationRequest is what the q=request&requestId= finder looks up
// (rsc-api.md §3.3): a widget request or a status change, with the
// integrations it concerns. Actor is who caused it (a person, seat or app
// URN).
type IntegrationRequest struct {
	ID             string
	AppID          int64
	Kind           RequestKind
	Status         IntegrationStatus
	Level          Level
	OrganizationID int64
	ContractID     int64
	Actor          string
	CreatedAt      time.Time
	ExpiresAt      time.Time
	Items          []IntegrationKey
}

// IntegrationSet is everything an app has on the integration side: the
// snapshot the life-cycle rules decide on.
type IntegrationSet struct {
	Integrations   []Integration
	Configurations []Configuration
}

// IntegrationChange is what one life-cycle step writes, atomically:
// integrations upserted whole, configurations set or deleted (by app, key
// and name), new requests and the pushes that report them (a transactional
// outbox, so no change is ever made without its notification).
type IntegrationChange struct {
	Integrations  []Integration
	SetConfigs    []Configuration
	DeleteConfigs []Configuration
	Requests      []IntegrationRequest
	Pushes        []PushNotification
}

// IntegrationStore is the storage the integration life cycle, the gate
// and the push outbox need; simstore implements it on both engines.
type IntegrationStore interface {
	// ChangeIntegrations reads appID's IntegrationSet and writes what fn
	// returns, in one transaction; an error from fn writes nothing. A
	// CALLBACK_URL in the change that another app already holds is
	// ECONFLICT ([CallbackTaken]), checked inside that transaction.
	ChangeIntegrations(ctx context.Context, appID int64,
		fn func(IntegrationSet) (IntegrationChange, error)) error
	// FindIntegrationSet returns appID's integrations and configurations.
	FindIntegrationSet(ctx context.Context, appID int64) (IntegrationSet, error)
	// ListIntegrationsInContext returns appID's integrations in one context.
	ListIntegrationsInContext(ctx context.Context, appID int64, context string) ([]Integration, error)
	// ListAllIntegrations returns every app's integrations, by app.
	ListAllIntegrations(ctx context.Context) ([]Integration, error)
	// ListChildApps returns every child app, by id.
	ListChildApps(ctx context.Context) ([]*App, error)
	// FindIntegrationRequest returns a request with its items.
	FindIntegrationRequest(ctx context.Context, id string) (*IntegrationRequest, error)
	// ConfigurationOwners returns the apps holding name=value.
	ConfigurationOwners(ctx context.Context, name ConfigKey, value string) ([]int64, error)
	// FindSeatContract returns a seat and its contract.
	FindSeatContract(ctx context.Context, seatID int64) (*Seat, *Contract, error)
	// FindMemberSeat returns the seat the member with personURN holds on
	// contractID, and the contract.
	FindMemberSeat(ctx context.Context, contractID int64, personURN string) (*Seat, *Contract, error)
	// CreatePush adds a notification to the outbox.
	CreatePush(ctx context.Context, p *PushNotification) error
	// DuePushes returns up to limit undelivered notifications due at now,
	// oldest first.
	DuePushes(ctx context.Context, now time.Time, limit int) ([]PushNotification, error)
	// NextPushDue returns when the next undelivered notification is due;
	// ENOTFOUND when none is pending.
	NextPushDue(ctx context.Context) (time.Time, error)
	// RecordPushAttempt stores an attempt and the notification's progress.
	RecordPushAttempt(ctx context.Context, a PushAttempt, progress PushProgress) error
	// FindPush returns a notification with its attempts.
	FindPush(ctx context.Context, id string) (*PushNotification, error)
	// ListPushes returns an app's notifications with their attempts.
	ListPushes(ctx context.Context, appID int64) ([]PushNotification, error)
}

// keysOf returns the integrations a level covers for an organization and
// contract, organization contexts first.
func keysOf(level Level, org, contract int64) []IntegrationKey {
	keys := make([]IntegrationKey, 0, 4)
	for _, t := range companyTypes {
		keys = append(keys, IntegrationKey{Context: OrganizationURN(org), Type: t})
	}
	if level == LevelContract {
		keys = append(keys, IntegrationKey{Context: ContractURN(contract), Type: CSAAPI})
	}
	return keys
}

// find returns the integration with key k, or nil.
func (set IntegrationSet) find(k IntegrationKey) *Integration {
	for i := range set.Integrations {
		if set.Integrations[i].Key == k {
			return &set.Integrations[i]
		}
	}
	return nil
}

// config returns the value of configuration name on k, or "".
func (set IntegrationSet) config(k IntegrationKey, name ConfigKey) string {
	for _, c := range set.Configurations {
		if c.Key == k && c.Name == name {
			return c.Value
		}
	}
	return ""
}

// callbackURL is the CALLBACK_URL of an organization: it is configured on
// the organization's ONE_CLICK_EXPORT integration (rsc-api.md §3.4) and
// serves every integration of that organization, CSA_API included.
func (set IntegrationSet) callbackURL(org int64) string {
	return set.config(IntegrationKey{Context: OrganizationURN(org), Type: OneClickExport}, ConfigCallbackURL)
}

// anyCallbackURL is the app's CALLBACK_URL, wherever configured: one
// customer has one URL (rsc-api.md §4); the latest wins if several exist.
func (set IntegrationSet) anyCallbackURL() string {
	var url string
	var at time.Time
	for _, c := range set.Configurations {
		if c.Name == ConfigCallbackURL && !c.UpdatedAt.Before(at) {
			url, at = c.Value, c.UpdatedAt
		}
	}
	return url
}

// ready reports whether the partner has done its part for in: named it
// and set the organization's CALLBACK_URL (rsc-api.md §6.1 steps 3–4).
func (set IntegrationSet) ready(in *Integration) bool {
	return in.Name != "" && set.callbackURL(in.OrganizationID) != ""
}
