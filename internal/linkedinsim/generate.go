package linkedinsim

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// MemberBatch is how many members Generate hands the writer at once: large
// enough that per-transaction costs vanish, small enough to stay a few MB.
const MemberBatch = 10_000

// MinMembers is the smallest world: its seats need distinct members.
const MinMembers = 50

// Fixed credentials of the default world (seed 1), so that an ATS with
// default configuration reaches a default simulator with no setup. Other
// seeds derive theirs from the seed.
const (
	DefaultPartnerClientID     = "attractor-partner"
	DefaultPartnerClientSecret = "attractor-partner-secret"
	DefaultControlToken        = "attractor-sim-control"
)

// SeatPassword is the sign-in password of every seat holder of a world:
// "recruiter-<seed>", so "recruiter-1" in the default world.
func SeatPassword(seed int64) string { return "recruiter-" + strconv.FormatInt(seed, 10) }

// epoch anchors generated creation times, so worlds do not depend on when
// they were generated.
var epoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// Generate writes a new world to w, deterministically from seed: members
// streamed in batches of MemberBatch (member i depends only on seed and i,
// so the first N members of any two worlds with one seed are equal), then
// organizations, contracts, seats, the partner app and the settings.
// While one batch is written the next is built on another goroutine, so
// the load uses two cores.
func Generate(ctx context.Context, w WorldWriter, seed int64, members int) error {
	if members < MinMembers {
		return Errorf(EINVALID, "A world needs at least %d members, not %d.", MinMembers, members)
	}
	if err := w.ResetWorld(ctx); err != nil {
		return err
	}
	if err := writeMembers(ctx, w, seed, members); err != nil {
		return err
	}
	return w.WriteWorld(ctx, buildWorld(seed, members))
}

// writeMembers pipelines generation and writing through a one-slot channel.
// The producer stops when ctx is cancelled or the writer fails.
func writeMembers(ctx context.Context, w WorldWriter, seed int64, total int) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan []Member, 1)
	go func() {
		defer close(batches)
		for start := 1; start <= total; start += MemberBatch {
			batch := make([]Member, 0, min(MemberBatch, total-start+1))
			for id := start; id < start+cap(batch); id++ {
				batch = append(batch, GenerateMember(seed, int64(id)))
			}
			select {
			case batches <- batch:
			case <-ctx.Done():
				return
			}
		}
	}()
	for batch := range batches {
		if err := w.WriteMembers(ctx, batch); err != nil {
			return fmt.Errorf("write members %d-%d: %w", batch[0].ID, batch[len(batch)-1].ID, err)
		}
	}
	return ctx.Err()
}

// GenerateMember returns member id of the world with seed. It is a pure
// function of its arguments.
func GenerateMember(seed, id int64) Member {
	r := rand.New(rand.NewPCG(uint64(seed), uint64(id)))
	loc := pickLocale(r)
	first, last := pick(r, loc.first), pick(r, loc.last)
	if loc.hyphenate > 0 && r.IntN(1000) < loc.hyphenate {
		other := pick(r, loc.last)
		last = name{native: last.native + "-" + other.native}
	}
	m := Member{ID: id, PersonURN: personURNPrefix + personID(seed, id),
		FirstName: first.native, LastName: last.native,
		NameKey: FoldName(first.native + " " + last.native),
		Company: pickS(r, companies), Title: pickS(r, titles), Location: pickS(r, loc.places),
		OpenToWork: r.IntN(100) < 12, Closed: r.IntN(1000) < 5,
		CreatedAt: epoch.Add(-time.Duration(r.Int64N(15*365*24)) * time.Hour)}
	german := r.IntN(2) == 0
	fa, la := asciiWord(first, german), asciiWord(last, german)
	m.Email = emailLocal(r, fa, la) + strconv.FormatInt(id, 10) + "@" + pickS(r, emailDomains)
	m.EmailKey = EmailKey(m.Email)
	m.ProfileURL = "https://www.linkedin.com/in/" + slug(fa, la) + "-" + scramble32(seed, id)
	m.Headline = headline(r, &m)
	return m
}

// pickLocale draws a locale by weight.
func pickLocale(r *rand.Rand) *locale {
	total := 0
	for i := range locales {
		total += locales[i].weight
	}
	x := r.IntN(total)
	for i := range locales {
		if x < locales[i].weight {
			return &locales[i]
		}
		x -= locales[i].weight
	}
	return &locales[0]
}

func pick(r *rand.Rand, list []name) name      { return list[r.IntN(len(list))] }
func pickS(r *rand.Rand, list []string) string { return list[r.IntN(len(list))] }

// emailLocal is the name part of an email in one of the usual shapes. A
// digit-free local part followed by the member id keeps emails unique.
func emailLocal(r *rand.Rand, first, last string) string {
	switch r.IntN(5) {
	case 0:
		return first + "." + last
	case 1:
		return first[:1] + last
	case 2:
		return first + "_" + last
	case 3:
		return last + "." + first
	}
	return first + last[:1]
}

// slug joins the ASCII name parts as LinkedIn vanity URLs do.
func slug(first, last string) string { return strings.Trim(first+"-"+last, "-") }

// headline writes a profile headline from the member's job.
func headline(r *rand.Rand, m *Member) string {
	switch {
	case m.OpenToWork && r.IntN(2) == 0:
		return "Open to new opportunities | " + m.Title
	case r.IntN(3) == 0:
		return m.Title + " · " + pickS(r, skills) + " | " + pickS(r, skills)
	}
	return m.Title + " at " + m.Company
}

// personIDSpace is 62^10, the number of 10-character base-62 ids.
const personIDSpace = 839_299_365_868_340_224

// personID is LinkedIn-style opaque id: 10 base-62 characters. Multiplying
// by a number coprime with 62 is a bijection modulo 62^10, so distinct
// member ids give distinct person ids without any lookup.
func personID(seed, id int64) string {
	const digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	offset := uint64(seedHash(seed, "person")) % personIDSpace
	x := (uint64(id)*1_000_000_007%personIDSpace + offset) % personIDSpace
	var b [10]byte
	for i := 9; i >= 0; i-- {
		b[i] = digits[x%62]
		x /= 62
	}
	return string(b[:])
}

// scramble32 is the profile URL suffix: an odd multiplier is a bijection
// modulo 2^32, so suffixes are unique across the world.
func scramble32(seed, id int64) string {
	x := uint32(id)*2_654_435_761 + uint32(seedHash(seed, "slug"))
	return fmt.Sprintf("%08x", x)
}

// seedHash derives a stable number from the seed and a purpose label.
func seedHash(seed int64, purpose string) int64 {
	sum := sha256.Sum256([]byte(purpose + "/" + strconv.FormatInt(seed, 10)))
	var v int64
	for _, b := range sum[:7] {
		v = v<<8 | int64(b)
	}
	return v
}

// seedSecret derives a printable secret from the seed and a label.
func seedSecret(seed int64, purpose string) string {
	sum := sha256.Sum256([]byte("secret/" + purpose + "/" + strconv.FormatInt(seed, 10)))
	return hex.EncodeToString(sum[:16])
}
