package linkedinsim

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"
)

// PushType is a push notification's type (rsc-api.md §4).
type PushType string

// The RSC push notification types and the finder each one points to.
const (
	// PushIntegrationStatusChange → GET atsIntegrations?q=request&requestId=.
	PushIntegrationStatusChange PushType = "INTEGRATION_STATUS_CHANGE"
	// PushExportCandidateProfile → GET exportedCandidates?q=request&requestId=.
	PushExportCandidateProfile PushType = "EXPORT_CANDIDATE_PROFILE"
)

// SignatureHeader carries the body's signature. rsc-api.md §4 did not
// retrieve how RSC callbacks are signed; it cites LinkedIn's webhook
// validation page (WH), where POSTs carry X-LI-Signature, an HMAC-SHA256
// under the client secret, hex-encoded like the challengeResponse. The
// simulator follows that: X-LI-Signature = lower-case hex of
// HMAC-SHA256(raw body, child app client secret), no prefix [INF]. A
// receiver should also accept a "hmacsha256=" prefix, which LinkedIn's
// general webhooks are reported to use.
const SignatureHeader = "X-LI-Signature"

// PushPayload is what a notification says. rsc-api.md §4's best lead is
// {id, type, expiresAt}, id being the requestId the partner looks up.
type PushPayload struct {
	ID        string    // the requestId of the finder the type points to
	ExpiresAt time.Time // zero: RequestTTL from now
}

// PushNotification is one outbox row: the exact body to sign and send, and
// its delivery progress. DeliveredAt is zero while pending.
type PushNotification struct {
	ID             string
	AppID          int64
	Type           PushType
	NotificationID string // the body's "id"
	Body           []byte
	Attempts       int
	NextAttemptAt  time.Time
	DeliveredAt    time.Time
	CreatedAt      time.Time
	History        []PushAttempt // filled by FindPush and ListPushes
}

// PushAttempt is one delivery attempt. StatusCode is 0 when no HTTP answer
// came back; Error is empty on a 2xx.
type PushAttempt struct {
	PushID      string
	Attempt     int
	At          time.Time
	CallbackURL string
	StatusCode  int
	Error       string
}

// PushProgress is a notification's state after an attempt.
type PushProgress struct {
	Attempts      int
	NextAttemptAt time.Time
	DeliveredAt   time.Time
}

// pushBody is the wire body; expiresAt is epoch milliseconds, LinkedIn's
// time format throughout RSC [INF].
type pushBody struct {
	ID        string   `json:"id"`
	Type      PushType `json:"type"`
	ExpiresAt int64    `json:"expiresAt"`
}

// newPush builds an outbox row due now.
func newPush(appID int64, typ PushType, p PushPayload, now time.Time) (PushNotification, error) {
	if p.ExpiresAt.IsZero() {
		p.ExpiresAt = now.Add(RequestTTL)
	}
	body, err := json.Marshal(pushBody{ID: p.ID, Type: typ, ExpiresAt: p.ExpiresAt.UnixMilli()})
	if err != nil {
		return PushNotification{}, err
	}
	return PushNotification{ID: newRequestID(), AppID: appID, Type: typ, NotificationID: p.ID, Body: body,
		NextAttemptAt: now, CreatedAt: now}, nil
}

// QueuePush adds a notification for a child app to the outbox and wakes
// the push worker. The export feature calls it with
// PushExportCandidateProfile and the exportedCandidates requestId. An
// unknown type or an empty id is EUNPROCESSABLE; an unknown app ENOTFOUND.
func (s *Service) QueuePush(ctx context.Context, appID int64, eventType PushType, payload PushPayload) (*PushNotification, error) {
	if eventType != PushIntegrationStatusChange && eventType != PushExportCandidateProfile {
		return nil, Errorf(EUNPROCESSABLE, "Unknown push type %q.", eventType)
	}
	if payload.ID == "" {
		return nil, Errorf(EUNPROCESSABLE, "A push notification needs the id of the request it reports.")
	}
	if _, err := s.childApp(ctx, appID); err != nil {
		return nil, err
	}
	p, err := newPush(appID, eventType, payload, s.now())
	if err != nil {
		return nil, err
	}
	if err := s.store.CreatePush(ctx, &p); err != nil {
		return nil, err
	}
	s.wakePushWorker()
	return &p, nil
}

// SignPush returns the X-LI-Signature value of body under secret.
func SignPush(body []byte, secret string) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return hex.EncodeToString(mac.Sum(nil))
}

// wakePushWorker nudges the worker without blocking; a pending nudge is
// enough, as the worker delivers everything due when it wakes.
func (s *Service) wakePushWorker() {
	select {
	case s.pushWake <- struct{}{}:
	default:
	}
}

// pushTarget returns where and with which secret an app's notifications
// go: its CALLBACK_URL ("" when unset) and its client secret.
func (s *Service) pushTarget(ctx context.Context, appID int64) (string, string, error) {
	app, err := s.store.FindAppByID(ctx, appID)
	if err != nil {
		return "", "", err
	}
	set, err := s.store.FindIntegrationSet(ctx, appID)
	if err != nil {
		return "", "", err
	}
	creds, err := s.credentials(ctx, app)
	return set.anyCallbackURL(), creds.ClientSecret, err
}
