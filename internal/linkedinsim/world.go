package linkedinsim

import (
	"context"
	"time"
)

// Organization is a customer company, the integration context of the
// company-level RSC features.
type Organization struct {
	ID        int64
	Name      string
	CreatedAt time.Time
}

// Contract is a Recruiter contract of an organization, the integration
// context of contract-level features (CSA_API).
type Contract struct {
	ID             int64
	OrganizationID int64
	Name           string
	CreatedAt      time.Time
}

// Seat is a member's Recruiter licence on one contract. Admin seats may
// enable ATS integrations for their contract.
type Seat struct {
	ID         int64
	ContractID int64
	MemberID   int64
	Admin      bool
	Active     bool
	CreatedAt  time.Time
}

// SeatHolder is a seat with the member holding it, as the world summary
// lists them.
type SeatHolder struct {
	Seat
	Member Member
}

// Settings are the world-level facts fixed when the world is generated and
// published by the world summary: the simulator is a test double, so its
// credentials are meant to be read.
type Settings struct {
	Seed         int64
	Members      int
	ControlToken string // bearer token of the /sim/v1 control API
	SeatPassword string // sign-in password of every seat holder
	PartnerID    int64  // id of the partner's parent app
	PartnerKey   string // partner client id
	PartnerCode  string // partner client secret
	SecretKey    []byte // derives child app secrets (see Service.childSecret)
}

// WorldData is everything but the members: small enough to write at once.
type WorldData struct {
	Settings      Settings
	Organizations []Organization
	Contracts     []Contract
	Seats         []Seat
	Apps          []App
	// Counters are the next-id sequences, set above the generated ids.
	Counters map[string]int64
}

// WorldContents is the world as the summary shows it.
type WorldContents struct {
	Organizations []Organization
	Contracts     []Contract
	SeatHolders   []SeatHolder
}

// WorldWriter receives a generated world. Generate calls ResetWorld once,
// WriteMembers once per batch (members in id order, never all at once) and
// WriteWorld last, so a reader that sees the settings sees a whole world.
type WorldWriter interface {
	// ResetWorld deletes every row of the simulator, runtime data included.
	ResetWorld(ctx context.Context) error
	// WriteMembers inserts one batch of members, atomically.
	WriteMembers(ctx context.Context, batch []Member) error
	// WriteWorld inserts organizations, contracts, seats, apps, counters
	// and settings in one transaction.
	WriteWorld(ctx context.Context, d WorldData) error
}

// Store is the simulator's storage as the service needs it. simstore
// implements it on SQLite and PostgreSQL. Lookups return an ENOTFOUND
// *Error, never (nil, nil); writes that break a uniqueness rule return
// ECONFLICT.
type Store interface {
	WorldWriter
	IntegrationStore // integration.go
	SigninStore      // signin.go
	MatchStore
	SyncStore   // sync.go
	ExportStore // export.go
	CSAStore    // csa.go
	ViewStore   // sync_view.go
	// Settings returns the world settings; ENOTFOUND when no world exists.
	Settings(ctx context.Context) (Settings, error)
	// WorldContents returns organizations, contracts and seat holders.
	WorldContents(ctx context.Context) (WorldContents, error)
	// CountMembers returns the number of members.
	CountMembers(ctx context.Context) (int64, error)
	// FindMemberByID returns one member.
	FindMemberByID(ctx context.Context, id int64) (*Member, error)
	// NextID returns the next value of the named counter.
	NextID(ctx context.Context, counter string) (int64, error)
	// CreateApp inserts app; ECONFLICT when its client id, or its unique
	// foreign id under the same parent, is taken.
	CreateApp(ctx context.Context, app *App) error
	// FindAppByID, FindAppByClientID and FindChildApp look an app up.
	FindAppByID(ctx context.Context, id int64) (*App, error)
	FindAppByClientID(ctx context.Context, clientID string) (*App, error)
	FindChildApp(ctx context.Context, parentID int64, uniqueForeignID string) (*App, error)
	// UpdateApp applies upd to the app in one transaction and returns it.
	UpdateApp(ctx context.Context, id int64, upd AppUpdate) (*App, error)
	// CreateAccessToken stores a token by its hash.
	CreateAccessToken(ctx context.Context, t AccessToken) error
	// FindAccessToken looks a token up by the SHA-256 of its value.
	FindAccessToken(ctx context.Context, hash []byte) (*AccessToken, error)
}
