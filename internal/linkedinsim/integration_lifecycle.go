package linkedinsim

import (
	"context"
	"crypto/rand"
	"fmt"
	"slices"
	"time"
)

// RequestTTL is how long a requestId stays meaningful; it is the push
// body's expiresAt. rsc-api.md §4 knows only that the field exists [INF:
// a week, long enough for a partner whose callback was down].
const RequestTTL = 7 * 24 * time.Hour

// lifecycle accumulates one life-cycle step over an app's IntegrationSet.
// It keeps the set current as rows change, so readiness checks see the
// step's own edits, and turns status changes into a STATUS_CHANGE request
// plus its INTEGRATION_STATUS_CHANGE push (rsc-api.md §4, §7).
type lifecycle struct {
	appID   int64
	set     IntegrationSet
	now     time.Time
	change  IntegrationChange
	changed []IntegrationKey
	status  IntegrationStatus
}

func newLifecycle(appID int64, set IntegrationSet, now time.Time) *lifecycle {
	return &lifecycle{appID: appID, set: set, now: now}
}

// put records in as the integration's new state. A move to PARTNER_READY,
// ENABLED or DISABLED is a status change the partner is told about; a move
// back to REQUESTED (CALLBACK_URL removed) is not, as the partner made it.
func (l *lifecycle) put(in Integration) {
	in.UpdatedAt = l.now
	old := l.set.find(in.Key)
	if old != nil && old.Status != in.Status && in.Status != StatusRequested {
		l.changed = append(l.changed, in.Key)
		l.status = in.Status
	}
	if old != nil {
		*old = in
	} else {
		l.set.Integrations = append(l.set.Integrations, in)
	}
	l.change.Integrations = slices.DeleteFunc(l.change.Integrations, func(x Integration) bool { return x.Key == in.Key })
	l.change.Integrations = append(l.change.Integrations, in)
}

// setConfig records a configuration value.
func (l *lifecycle) setConfig(c Configuration) {
	c.AppID, c.UpdatedAt = l.appID, l.now
	l.set.Configurations = slices.DeleteFunc(l.set.Configurations, func(x Configuration) bool {
		return x.Key == c.Key && x.Name == c.Name
	})
	l.set.Configurations = append(l.set.Configurations, c)
	l.change.SetConfigs = append(l.change.SetConfigs, c)
}

// deleteConfig records a configuration's removal.
func (l *lifecycle) deleteConfig(k IntegrationKey, name ConfigKey) {
	c := Configuration{AppID: l.appID, Key: k, Name: name}
	l.set.Configurations = slices.DeleteFunc(l.set.Configurations, func(x Configuration) bool {
		return x.Key == k && x.Name == name
	})
	l.change.DeleteConfigs = append(l.change.DeleteConfigs, c)
}

// refresh moves the organization's not-yet-enabled integrations between
// REQUESTED and PARTNER_READY as the partner names them and sets or
// removes the CALLBACK_URL.
func (l *lifecycle) refresh(org int64) {
	for _, in := range slices.Clone(l.set.Integrations) {
		if in.OrganizationID != org || (in.Status != StatusRequested && in.Status != StatusPartnerReady) {
			continue
		}
		want := StatusRequested
		if l.set.ready(&in) {
			want = StatusPartnerReady
		}
		if in.Status != want {
			in.Status = want
			l.put(in)
		}
	}
}

// finish adds the STATUS_CHANGE request and its push when the step changed
// a status, and returns the change to write.
func (l *lifecycle) finish(level Level, org, contract int64, actor string) (IntegrationChange, error) {
	if len(l.changed) == 0 {
		return l.change, nil
	}
	req := IntegrationRequest{ID: newRequestID(), AppID: l.appID, Kind: KindStatusChange, Status: l.status,
		Level: level, OrganizationID: org, ContractID: contract, Actor: actor, CreatedAt: l.now,
		ExpiresAt: l.now.Add(RequestTTL), Items: l.changed}
	push, err := newPush(l.appID, PushIntegrationStatusChange, PushPayload{ID: req.ID, ExpiresAt: req.ExpiresAt}, l.now)
	if err != nil {
		return IntegrationChange{}, err
	}
	l.change.Requests = append(l.change.Requests, req)
	l.change.Pushes = append(l.change.Pushes, push)
	return l.change, nil
}

// RequestIntegration records what a member asks for in the onboarding
// widget (rsc-api.md §5.1, §6.1 step 2): company- or contract-level access
// of the child app with client id clientID, for organization and contract.
// The member must hold an active admin seat on the contract, and the
// contract must belong to the organization. The level's integrations are
// created as REQUESTED (or PARTNER_READY when the partner already did its
// part); enabled ones are left alone. It returns the requestId the widget
// hands to the page's data-onintegrate callback.
func (s *Service) RequestIntegration(ctx context.Context, clientID, member, organization, contract string,
	level Level) (string, error) {
	app, err := s.store.FindAppByClientID(ctx, clientID)
	if ErrorCode(err) == ENOTFOUND || err == nil && app.Kind != ChildApp {
		return "", Errorf(EINVALID, "api_key %q is not a provisioned customer application.", clientID)
	} else if err != nil {
		return "", err
	}
	org, con, err := s.requestTarget(ctx, member, organization, contract, level)
	if err != nil {
		return "", err
	}
	req := IntegrationRequest{ID: newRequestID(), AppID: app.ID, Kind: KindRequest, Status: StatusRequested,
		Level: level, OrganizationID: org, ContractID: con, Actor: member, Items: keysOf(level, org, con)}
	err = s.store.ChangeIntegrations(ctx, app.ID, func(set IntegrationSet) (IntegrationChange, error) {
		l := newLifecycle(app.ID, set, s.now())
		for _, k := range req.Items {
			l.put(requested(l, k, org, con))
		}
		l.refresh(org)
		req.CreatedAt, req.ExpiresAt = l.now, l.now.Add(RequestTTL)
		l.change.Requests = append(l.change.Requests, req)
		return l.finish(level, org, con, member)
	})
	s.wakePushWorker()
	return req.ID, err
}

// requested returns the row a request leaves for k: a new REQUESTED row,
// an enabled row unchanged, any other row back in the onboarding flow.
func requested(l *lifecycle, k IntegrationKey, org, con int64) Integration {
	if in := l.set.find(k); in != nil {
		row := *in
		if row.Status == StatusDisabled {
			row.Status = StatusRequested
		}
		return row
	}
	row := Integration{AppID: l.appID, Key: k, OrganizationID: org, Status: StatusRequested, RequestedAt: l.now}
	if k.Type == CSAAPI {
		row.ContractID = con
	}
	return row
}

// requestTarget checks a widget request and returns its organization and
// contract ids.
func (s *Service) requestTarget(ctx context.Context, member, organization, contract string, level Level) (int64, int64, error) {
	if level != LevelCompany && level != LevelContract {
		return 0, 0, Errorf(EUNPROCESSABLE, "level must be \"company\" or \"contract\", got %q.", level)
	}
	org, err := parseNumericURN(organization, organizationURNPrefix)
	if err != nil {
		return 0, 0, err
	}
	con, err := parseNumericURN(contract, contractURNPrefix)
	if err != nil {
		return 0, 0, err
	}
	seat, c, err := s.store.FindMemberSeat(ctx, con, member)
	if ErrorCode(err) == ENOTFOUND {
		return 0, 0, Errorf(EFORBIDDEN, "Member %s holds no seat on contract %s.", member, contract)
	} else if err != nil {
		return 0, 0, err
	}
	if !seat.Admin || !seat.Active {
		return 0, 0, Errorf(EFORBIDDEN, "Member %s is not an active admin of contract %s.", member, contract)
	}
	if c.OrganizationID != org {
		return 0, 0, Errorf(EUNPROCESSABLE, "Contract %s does not belong to organization %s.", contract, organization)
	}
	return org, con, nil
}

// newRequestID returns a random UUID (version 4), the shape of LinkedIn's
// notification ids [INF].
func newRequestID() string {
	var b [16]byte
	rand.Read(b[:]) // crypto/rand.Read never fails (Go ≥ 1.24)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
