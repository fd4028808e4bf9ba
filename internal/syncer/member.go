package syncer

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"attractor/internal/ats"
	"attractor/internal/rsc"
)

// This file connects a user's own LinkedIn account (rsc-api.md §2.1,
// §3.18): the 3-legged flow tells the ATS the member's person URN, which
// ACL assignees need, and with contract-level access their Recruiter seat.
//
// The OAuth state is a short-lived signed value, not a server-side record:
// "{user id}.{expiry}.{nonce}" and an HMAC-SHA256 of it under a key
// derived from the child app's client secret (server-only, in the
// database, so every replica and a restarted server agree). It binds the
// flow to the user who started it: a callback carrying a state made for
// another user, or an expired or altered one, is refused, which stops
// login CSRF (an attacker's code planted in a victim's browser). LinkedIn
// spends each code once, so a replayed state yields nothing either.

// memberStateTTL is how long a member has to sign in to LinkedIn and
// approve.
const memberStateTTL = 10 * time.Minute

// maxSeatPages bounds the seat lookup (100 seats a page).
const maxSeatPages = 100

// ConnectMember starts connecting the signed-in user's LinkedIn account:
// it returns LinkedIn's authorization URL to send their browser to. Any
// signed-in user may; the instance must be connected (ECONFLICT if not).
func (s *Syncer) ConnectMember(ctx context.Context) (string, error) {
	u := ats.UserFromContext(ctx)
	if u == nil {
		return "", ats.Errorf(ats.EUNAUTHORIZED, "You must sign in.")
	}
	in, err := s.memberApp(ctx)
	if err != nil {
		return "", err
	}
	state := signState(in.ClientSecret, u.ID, s.now().Add(memberStateTTL))
	return s.child(in).AuthorizationURL(s.memberRedirectURI(), state), nil
}

// CompleteMember finishes the flow LinkedIn redirected back to: it checks
// state, exchanges code for the member's token, reads their person URN
// and, with contract-level access, finds their seat on the contract, then
// stores both on the signed-in user. A bad state or a code LinkedIn
// refuses is EINVALID naming the parameter; a LinkedIn account already
// connected to another (enabled) user is ECONFLICT.
func (s *Syncer) CompleteMember(ctx context.Context, code, state string) (*ats.User, error) {
	u := ats.UserFromContext(ctx)
	if u == nil {
		return nil, ats.Errorf(ats.EUNAUTHORIZED, "You must sign in.")
	}
	if code == "" {
		return nil, invalidParam("code", "LinkedIn sent no authorization code. Connect again.")
	}
	in, err := s.memberApp(ctx)
	if err != nil {
		return nil, err
	}
	if msg := checkState(in.ClientSecret, state, u.ID, s.now()); msg != "" {
		return nil, invalidParam("state", msg)
	}
	child := s.child(in)
	token, err := child.ExchangeCode(ctx, code, s.memberRedirectURI())
	if rsc.KindOf(err) == rsc.Permanent {
		return nil, invalidParam("code", "LinkedIn refused the authorization code: it is invalid, expired or already used. Connect again.")
	} else if err != nil {
		return nil, s.linkedInError(ctx, err, "finish the sign-in")
	}
	person, err := child.Me(ctx, token)
	if err != nil {
		return nil, s.linkedInError(ctx, err, "read your LinkedIn member id")
	}
	seat := s.memberSeat(ctx, child, in, person)
	return s.linkMember(ctx, u.ID, person, seat)
}

// DisconnectMember forgets the signed-in user's LinkedIn account (and
// seat); the ACLs of their jobs are sent again without them.
func (s *Syncer) DisconnectMember(ctx context.Context) error {
	u := ats.UserFromContext(ctx)
	if u == nil {
		return ats.Errorf(ats.EUNAUTHORIZED, "You must sign in.")
	}
	return s.store.Update(ctx, func(tx ats.Tx) error { return tx.SetUserLinkedIn(u.ID, "", "") })
}

// memberApp returns the integration when its child app can run the
// member flow.
func (s *Syncer) memberApp(ctx context.Context) (*ats.LinkedInIntegration, error) {
	in, err := s.loadIntegration(ctx)
	if err != nil {
		return nil, err
	}
	if in.ClientID == "" || in.ClientSecret == "" || in.Stage == ats.StageNotConnected {
		return nil, ats.Errorf(ats.ECONFLICT, "LinkedIn is not connected to Attractor yet: an admin connects it first.")
	}
	return in, nil
}

// memberSeat returns the seat URN the member holds on the contract when
// contract-level access is enabled, else "". A failed lookup is logged and
// leaves the seat unknown: the person URN is what matters, and connecting
// again fills the seat in.
func (s *Syncer) memberSeat(ctx context.Context, child *rsc.Client, in *ats.LinkedInIntegration, person string) string {
	if in.Stage != ats.StageEnabled || in.AccessLevel != ats.AccessContract || in.Contract == "" {
		return ""
	}
	for page := range maxSeatPages {
		seats, paging, err := child.Seats(ctx, []string{in.Contract}, nil, rsc.PageRequest{Start: page * 100, Count: 100})
		if err != nil {
			s.log.WarnContext(ctx, "linkedin seat lookup failed", slog.String("member", person), slog.Any("error", err))
			return ""
		}
		for _, seat := range seats {
			if seat.Member == person && seat.Contract == in.Contract {
				return seat.Seat
			}
		}
		if len(seats) < 100 || (paging.Total > 0 && (page+1)*100 >= paging.Total) {
			break
		}
	}
	return ""
}

// linkMember stores the member and seat on the user, refusing a member
// another enabled user already holds.
func (s *Syncer) linkMember(ctx context.Context, userID, person, seat string) (*ats.User, error) {
	var out *ats.User
	err := s.store.Update(ctx, func(tx ats.Tx) error {
		other, err := tx.FindUserByPersonURN(person)
		switch {
		case err == nil && other.ID != userID && !other.Disabled:
			return ats.Errorf(ats.ECONFLICT, "This LinkedIn account is already connected to another Attractor user.")
		case err != nil && ats.ErrorCode(err) != ats.ENOTFOUND:
			return err
		}
		if err := tx.SetUserLinkedIn(userID, person, seat); err != nil {
			return err
		}
		out, err = tx.FindUserByID(userID)
		return err
	})
	if err != nil {
		return nil, err
	}
	s.log.InfoContext(ctx, "linkedin member connected", slog.String("user", userID),
		slog.String("member", person), slog.String("seat", seat))
	return out, nil
}

func invalidParam(name, msg string) error {
	return &ats.Error{Code: ats.EINVALID, Message: msg, Fields: map[string]string{name: msg}}
}

// stateKey derives the state's HMAC key from the child app's secret.
func stateKey(secret string) []byte {
	sum := sha256.Sum256([]byte("attractor/linkedin-member-state\x00" + secret))
	return sum[:]
}

// signState makes the OAuth state for userID, valid until expires.
func signState(secret, userID string, expires time.Time) string {
	nonce := make([]byte, 12)
	_, _ = rand.Read(nonce) // crypto/rand.Read never fails (Go ≥ 1.24)
	payload := userID + "." + strconv.FormatInt(expires.Unix(), 10) + "." + hex.EncodeToString(nonce)
	mac := hmac.New(sha256.New, stateKey(secret))
	mac.Write([]byte(payload))
	enc := base64.RawURLEncoding
	return enc.EncodeToString([]byte(payload)) + "." + enc.EncodeToString(mac.Sum(nil))
}

// checkState returns why state is not a valid state of userID at now, or
// "" when it is.
func checkState(secret, state, userID string, now time.Time) string {
	enc := base64.RawURLEncoding
	p64, m64, ok := strings.Cut(state, ".")
	payload, perr := enc.DecodeString(p64)
	sig, serr := enc.DecodeString(m64)
	if !ok || perr != nil || serr != nil {
		return "The sign-in state is missing or malformed. Connect again."
	}
	mac := hmac.New(sha256.New, stateKey(secret))
	mac.Write(payload)
	if !hmac.Equal(sig, mac.Sum(nil)) {
		return "The sign-in state was not issued by this server. Connect again."
	}
	parts := strings.Split(string(payload), ".")
	if len(parts) != 3 {
		return "The sign-in state is malformed. Connect again."
	}
	if parts[0] != userID {
		return "The sign-in was started by another user. Connect again from your own account."
	}
	exp, err := strconv.ParseInt(parts[1], 10, 64)
	if err != nil || !now.Before(time.Unix(exp, 0)) {
		return "The sign-in took too long and expired. Connect again."
	}
	return ""
}
