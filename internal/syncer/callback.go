package syncer

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strings"

	"attractor/internal/ats"
	"attractor/internal/queue"
)

// This file receives LinkedIn's push notifications (rsc-api.md §4) and
// keeps the integration's status current: the callback checks and records
// a notification and queues it; the notification task and the status poll
// read LinkedIn's data back with the child app, trusting nothing else.
// RESYNC_JOBS (resync.go) is the exception: it carries what it asks for,
// and answering it only re-sends this instance's own jobs.

// Task names of the integration's queue work.
const (
	TaskNotification = "linkedin.notification"
	TaskStatus       = "linkedin.status"
)

// SignatureHeader carries the notification's signature: the lower-case hex
// HMAC-SHA256 of the exact body under the child app's client secret,
// optionally prefixed "hmacsha256=" as LinkedIn's webhooks write it
// (rsc-api.md §4, WH).
const SignatureHeader = "X-LI-Signature"

// MaxNotificationBody bounds a notification; LinkedIn's are under 200
// bytes ({id, type, expiresAt}).
const MaxNotificationBody = 64 << 10

// The notification types and the finder each points to (rsc-api.md §4).
const (
	pushStatusChange = "INTEGRATION_STATUS_CHANGE" // → atsIntegrations?q=request
	pushExport       = "EXPORT_CANDIDATE_PROFILE"  // → exportedCandidates?q=request
	pushResyncJobs   = "RESYNC_JOBS"               // carries its own content (resync.go)
)

// notification is the part of the push body the ATS uses: id is the
// requestId to look up, or for RESYNC_JOBS the notification's own id, its
// content being the resync fields.
type notification struct {
	ID   string `json:"id"`
	Type string `json:"type"`
	resyncFields
}

// CallbackAck is the callback's answer to an accepted notification:
// "queued", or "duplicate" for one seen before.
type CallbackAck struct {
	Status string `json:"status"`
}

// CallbackHandler receives POST …/integrations/linkedin/callback. It needs
// no session: the signature is the authentication. It answers at once and
// leaves the work to the TaskNotification task, so LinkedIn never waits on
// LinkedIn. Refusals change nothing: 413 for a body over
// MaxNotificationBody, 401 for a missing or wrong signature (or no app to
// sign for), 400 for a body that is not a notification with an id and a
// known type. A notification id seen before answers 200 and does nothing.
//
// The id is recorded before the task is queued, in two steps: the queue
// may not be written inside the store's transaction (on SQLite both use
// the one writer connection). Should queueing fail after recording, the
// notification is logged as lost and answered 500; LinkedIn's retry is
// then a duplicate, and the status poll repairs a lost status change.
func (s *Syncer) CallbackHandler() http.Handler {
	return http.HandlerFunc(s.handleCallback)
}

func (s *Syncer) handleCallback(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxNotificationBody))
	if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
		callbackError(w, http.StatusRequestEntityTooLarge, ats.ETOOLARGE, "A notification is at most 64 KiB.")
		return
	} else if err != nil {
		callbackError(w, http.StatusBadRequest, "bad_request", "The notification could not be read.")
		return
	}
	in, err := s.loadIntegration(ctx)
	if err != nil {
		s.log.ErrorContext(ctx, "linkedin callback: load integration", slog.Any("error", err))
		callbackError(w, http.StatusInternalServerError, ats.EINTERNAL, "Internal error.")
		return
	}
	if in.ClientSecret == "" || !validSignature(r.Header.Get(SignatureHeader), body, in.ClientSecret) {
		s.log.WarnContext(ctx, "linkedin callback: bad signature", slog.Bool("signed", r.Header.Get(SignatureHeader) != ""))
		callbackError(w, http.StatusUnauthorized, ats.EUNAUTHORIZED, "The notification's "+SignatureHeader+" signature is missing or wrong.")
		return
	}
	n, err := parseNotification(body)
	if err != nil {
		callbackError(w, http.StatusBadRequest, "bad_request", err.Error())
		return
	}
	status, err := s.accept(ctx, n)
	if err != nil {
		s.log.ErrorContext(ctx, "linkedin callback: notification not queued", slog.String("id", n.ID),
			slog.String("type", n.Type), slog.Any("error", err))
		callbackError(w, http.StatusInternalServerError, ats.EINTERNAL, "Internal error.")
		return
	}
	writeJSON(w, http.StatusOK, CallbackAck{Status: status})
}

// accept records the notification and queues its task; a duplicate is
// only reported.
func (s *Syncer) accept(ctx context.Context, n notification) (string, error) {
	var fresh bool
	err := s.store.Update(ctx, func(tx ats.Tx) (err error) {
		fresh, err = tx.RecordNotification(n.ID, s.now().UTC())
		return err
	})
	if err != nil {
		return "", err
	}
	if !fresh {
		s.log.InfoContext(ctx, "linkedin callback: duplicate notification", slog.String("id", n.ID))
		return "duplicate", nil
	}
	payload, err := json.Marshal(n)
	if err != nil {
		return "", err
	}
	if err := s.q.Enqueue(ctx, TaskNotification, payload, queue.EnqueueOptions{Unique: true}); err != nil {
		return "", err
	}
	return "queued", nil
}

// validSignature compares the header with the body's HMAC in constant
// time.
func validSignature(header string, body []byte, secret string) bool {
	got, err := hex.DecodeString(strings.TrimPrefix(strings.TrimSpace(header), "hmacsha256="))
	if err != nil || len(got) != sha256.Size {
		return false
	}
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return hmac.Equal(got, mac.Sum(nil))
}

// parseNotification reads a push body; its error is the client's message.
func parseNotification(body []byte) (notification, error) {
	var n notification
	if err := json.Unmarshal(body, &n); err != nil {
		return n, errors.New("The notification is not a JSON object.")
	}
	n.ID = strings.TrimSpace(n.ID)
	switch {
	case n.ID == "" || len(n.ID) > maxRequestID:
		return n, errors.New("The notification needs an id of at most 200 characters.")
	case n.Type == pushResyncJobs:
		return n, n.resyncFields.validate()
	case n.Type != pushStatusChange && n.Type != pushExport:
		return n, errors.New("Unknown notification type; expected " + pushStatusChange + ", " + pushExport +
			" or " + pushResyncJobs + ".")
	}
	n.resyncFields = resyncFields{} // only RESYNC_JOBS carries them
	return n, nil
}

// callbackError answers in the API's error shape.
func callbackError(w http.ResponseWriter, status int, code, msg string) {
	writeJSON(w, status, map[string]any{"error": map[string]string{"code": code, "message": msg}})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// integrationTasks are the queue handlers of the integration (the status
// poll is in integration_status.go); Start registers them.
func (s *Syncer) integrationTasks() map[string]queue.Handler {
	return map[string]queue.Handler{TaskNotification: s.runNotification, TaskStatus: s.runStatusPoll}
}

// integrationPeriodic schedules the status poll every
// Config.StatusPollInterval, so a lost INTEGRATION_STATUS_CHANGE delays a
// change by at most that long; Start calls it.
func (s *Syncer) integrationPeriodic() {
	s.q.Every(TaskStatus, s.cfg.StatusPollInterval, nil)
}

// runNotification handles one accepted notification by fetching what it
// points to with the child app.
func (s *Syncer) runNotification(ctx context.Context, payload []byte) error {
	var n notification
	if err := json.Unmarshal(payload, &n); err != nil {
		return queue.Cancel(err)
	}
	in, err := s.loadIntegration(ctx)
	if err != nil {
		return err
	}
	if in.Stage == ats.StageNotConnected || in.ClientID == "" {
		s.log.InfoContext(ctx, "linkedin notification ignored: not connected", slog.String("id", n.ID))
		return nil
	}
	switch n.Type {
	case pushStatusChange:
		return taskError(s.refreshStatus(ctx, n.ID))
	case pushExport:
		return taskError(s.receiveExport(ctx, in, n.ID))
	case pushResyncJobs:
		return s.resyncJobs(ctx, in, n)
	}
	return queue.Cancel(errors.New("unknown notification type " + n.Type))
}

// receiveExport fetches a 1-Click Export and checks it belongs to this
// instance. Creating the candidates is the export intake's job, which is
// not built yet: for now the export is only logged.
func (s *Syncer) receiveExport(ctx context.Context, in *ats.LinkedInIntegration, requestID string) error {
	exports, err := s.child(in).ExportedCandidates(ctx, requestID)
	if err != nil {
		return err
	}
	for _, e := range exports {
		if e.IntegrationContext != in.Organization {
			s.log.WarnContext(ctx, "linkedin export ignored: another organization's",
				slog.String("request", requestID), slog.String("context", e.IntegrationContext))
			continue
		}
		s.log.InfoContext(ctx, "linkedin export received; export intake is not implemented yet",
			slog.String("request", requestID), slog.String("job", e.ExternalJobPostingID),
			slog.String("member", e.Candidate.Member))
	}
	return nil
}
