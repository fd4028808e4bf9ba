package linkedinsim

import (
	"crypto/sha256"
	"math/rand/v2"
	"strconv"
)

// First ids of the generated customer side; runtime ids (child apps) come
// from the counters, which start above the ids used here.
const (
	firstOrgID      = 1001
	firstContractID = 5001
	firstSeatID     = 90001
	partnerAppID    = 1
	// CounterApp names the sequence of developer application ids.
	CounterApp = "app"
)

// contractsPerOrg gives the first organization two contracts, so one admin
// can hold admin seats on both and must pick one in the widget.
var contractsPerOrg = []int{2, 1, 1}

// seatsPerContract is how many seats each contract has; the first is an
// admin seat.
const seatsPerContract = 6

// buildWorld lays out the customer side and the partner app of a world.
// It draws from its own random stream, so it does not depend on how many
// members were generated beyond which ids exist.
func buildWorld(seed int64, members int) WorldData {
	r := rand.New(rand.NewPCG(uint64(seed), uint64(seedHash(seed, "world"))))
	d := WorldData{Settings: worldSettings(seed, members)}
	d.Settings.PartnerID = partnerAppID
	d.Apps = []App{partnerApp(d.Settings)}
	d.Counters = map[string]int64{CounterApp: partnerAppID}
	taken := map[int64]bool{}
	contractID, seatID := int64(firstContractID), int64(firstSeatID)
	for i, nContracts := range contractsPerOrg {
		org := Organization{ID: int64(firstOrgID + i), Name: orgNames[i], CreatedAt: epoch}
		d.Organizations = append(d.Organizations, org)
		var sharedAdmin int64
		for c := range nContracts {
			con := Contract{ID: contractID, OrganizationID: org.ID, CreatedAt: epoch,
				Name: org.Name + " — " + []string{"Talent Acquisition", "Campus Hiring"}[c]}
			d.Contracts = append(d.Contracts, con)
			var seats []Seat
			seats, seatID, sharedAdmin = contractSeats(r, con, seatID, members, taken, sharedAdmin)
			d.Seats = append(d.Seats, seats...)
			contractID++
		}
	}
	return d
}

// contractSeats creates a contract's seats. The first seat is the admin;
// on a second contract of the same organization that admin is the same
// member (sharedAdmin), who thus holds admin seats on two contracts.
func contractSeats(r *rand.Rand, con Contract, seatID int64, members int, taken map[int64]bool,
	sharedAdmin int64) ([]Seat, int64, int64) {
	var seats []Seat
	for i := range seatsPerContract {
		member := sharedAdmin
		if i > 0 || member == 0 {
			member = freeMember(r, members, taken)
		}
		if i == 0 {
			sharedAdmin = member
		}
		seats = append(seats, Seat{ID: seatID, ContractID: con.ID, MemberID: member,
			Admin: i == 0 || i == seatsPerContract-1 && r.IntN(2) == 0, Active: true, CreatedAt: epoch})
		seatID++
	}
	return seats, seatID, sharedAdmin
}

// freeMember picks a member who holds no seat yet.
func freeMember(r *rand.Rand, members int, taken map[int64]bool) int64 {
	for {
		id := 1 + r.Int64N(int64(members))
		if !taken[id] {
			taken[id] = true
			return id
		}
	}
}

// worldSettings fixes the world's credentials: constants for seed 1 (the
// default world the ATS defaults point at), seed-derived otherwise.
func worldSettings(seed int64, members int) Settings {
	s := Settings{Seed: seed, Members: members, SeatPassword: SeatPassword(seed),
		PartnerKey: DefaultPartnerClientID, PartnerCode: DefaultPartnerClientSecret,
		ControlToken: DefaultControlToken}
	if seed != 1 {
		s.PartnerKey = "partner-" + strconv.FormatInt(seed, 10)
		s.PartnerCode = seedSecret(seed, "partner")
		s.ControlToken = seedSecret(seed, "control")
	}
	key := sha256.Sum256([]byte("secret-key/" + seedSecret(seed, "key")))
	s.SecretKey = key[:]
	return s
}

// partnerApp is the ATS vendor's parent application.
func partnerApp(s Settings) App {
	hash := sha256.Sum256([]byte(s.PartnerCode))
	return App{ID: s.PartnerID, ClientID: s.PartnerKey, SecretHash: hash[:], Kind: ParentApp,
		Name: "Attractor", Description: "Attractor ATS partner application",
		CreatedAt: epoch, UpdatedAt: epoch}
}
