package simstore

import (
	"context"
	"database/sql"
	"time"

	"attractor/internal/linkedinsim"
	"attractor/internal/linkedinsim/simstore/simdb"
	"attractor/internal/sqldb"
)

// CreatePush adds a notification to the outbox, normalising its times.
func (s *Store) CreatePush(ctx context.Context, p *linkedinsim.PushNotification) error {
	return s.update(ctx, func(q *simdb.Queries, _ *sql.Tx) error { return insertPush(ctx, q, p) })
}

func insertPush(ctx context.Context, q *simdb.Queries, p *linkedinsim.PushNotification) error {
	p.NextAttemptAt, p.CreatedAt = sqldb.UTC(p.NextAttemptAt), sqldb.UTC(p.CreatedAt)
	err := q.InsertPushNotification(ctx, simdb.InsertPushNotificationParams{ID: p.ID, AppID: p.AppID,
		EventType: string(p.Type), NotificationID: p.NotificationID, Body: string(p.Body),
		Attempts: int64(p.Attempts), NextAttemptAt: p.NextAttemptAt, DeliveredAt: nullTime(p.DeliveredAt),
		CreatedAt: p.CreatedAt})
	return wrap(err, "insert push notification")
}

// DuePushes returns up to limit undelivered notifications due at now.
func (s *Store) DuePushes(ctx context.Context, now time.Time, limit int) ([]linkedinsim.PushNotification, error) {
	rows, err := s.read().ListDuePushNotifications(ctx, simdb.ListDuePushNotificationsParams{
		NextAttemptAt: sqldb.UTC(now), Limit: int32(limit)})
	if err != nil {
		return nil, wrap(err, "list due pushes")
	}
	out := make([]linkedinsim.PushNotification, 0, len(rows))
	for _, r := range rows {
		out = append(out, pushFrom(r))
	}
	return out, nil
}

// NextPushDue returns when the next undelivered notification is due.
func (s *Store) NextPushDue(ctx context.Context) (time.Time, error) {
	t, err := s.read().NextPendingPushAt(ctx)
	if err != nil {
		return time.Time{}, lookup(err, "Pending push notification", "next pending push")
	}
	return t.UTC(), nil
}

// RecordPushAttempt stores an attempt and the notification's progress in
// one transaction.
func (s *Store) RecordPushAttempt(ctx context.Context, a linkedinsim.PushAttempt, pr linkedinsim.PushProgress) error {
	return s.update(ctx, func(q *simdb.Queries, _ *sql.Tx) error {
		n, err := q.UpdatePushProgress(ctx, simdb.UpdatePushProgressParams{ID: a.PushID,
			Attempts: int64(pr.Attempts), NextAttemptAt: sqldb.UTC(pr.NextAttemptAt),
			DeliveredAt: nullTime(pr.DeliveredAt)})
		if err != nil {
			return wrap(err, "update push progress")
		}
		if n == 0 {
			return notFound("Push notification")
		}
		err = q.InsertPushAttempt(ctx, simdb.InsertPushAttemptParams{PushID: a.PushID, Attempt: int64(a.Attempt),
			AttemptedAt: sqldb.UTC(a.At), CallbackUrl: a.CallbackURL, StatusCode: int64(a.StatusCode), Error: a.Error})
		return wrap(err, "insert push attempt")
	})
}

// FindPush returns a notification with its attempts.
func (s *Store) FindPush(ctx context.Context, id string) (*linkedinsim.PushNotification, error) {
	q := s.read()
	r, err := q.GetPushNotification(ctx, id)
	if err != nil {
		return nil, lookup(err, "Push notification", "get push notification")
	}
	p := pushFrom(r)
	if p.History, err = pushAttempts(ctx, q, id); err != nil {
		return nil, err
	}
	return &p, nil
}

// ListPushes returns an app's notifications with their attempts.
func (s *Store) ListPushes(ctx context.Context, appID int64) ([]linkedinsim.PushNotification, error) {
	q := s.read()
	rows, err := q.ListPushNotificationsOfApp(ctx, appID)
	if err != nil {
		return nil, wrap(err, "list pushes")
	}
	out := make([]linkedinsim.PushNotification, 0, len(rows))
	for _, r := range rows {
		p := pushFrom(r)
		if p.History, err = pushAttempts(ctx, q, r.ID); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

func pushAttempts(ctx context.Context, q *simdb.Queries, id string) ([]linkedinsim.PushAttempt, error) {
	rows, err := q.ListPushAttempts(ctx, id)
	if err != nil {
		return nil, wrap(err, "list push attempts")
	}
	out := make([]linkedinsim.PushAttempt, 0, len(rows))
	for _, r := range rows {
		out = append(out, linkedinsim.PushAttempt{PushID: r.PushID, Attempt: int(r.Attempt),
			At: r.AttemptedAt.UTC(), CallbackURL: r.CallbackUrl, StatusCode: int(r.StatusCode), Error: r.Error})
	}
	return out, nil
}

func pushFrom(r simdb.PushNotification) linkedinsim.PushNotification {
	return linkedinsim.PushNotification{ID: r.ID, AppID: r.AppID, Type: linkedinsim.PushType(r.EventType),
		NotificationID: r.NotificationID, Body: []byte(r.Body), Attempts: int(r.Attempts),
		NextAttemptAt: r.NextAttemptAt.UTC(), DeliveredAt: timeOf(r.DeliveredAt), CreatedAt: r.CreatedAt.UTC()}
}
