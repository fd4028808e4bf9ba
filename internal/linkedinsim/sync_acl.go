package linkedinsim

import (
	"context"
	"fmt"
	"time"

	"attractor/internal/linkedinsim/restli"
)

// EntityTypeJobPosting is the only securable entity type (rsc-api.md §3.12).
const EntityTypeJobPosting = "JOB_POSTING"

// MaxACLsPerAssignee is LinkedIn's limit of ACLs per user (rsc-api.md
// §3.12).
const MaxACLsPerAssignee = 10

// ACL secures one entity (a job, by externalJobPostingId) under an ATS
// access group of the app that synced it; the key is the whole record
// (rsc-api.md §3.12). It secures only that app's job.
type ACL struct {
	AppID          int64
	OrganizationID int64
	ACLID          string
	EntityType     string
	EntityID       string
	CreatedAt      time.Time
}

// ACLAssignee grants a member (person URN) what the app's ACL secures.
type ACLAssignee struct {
	AppID          int64
	OrganizationID int64
	ACLID          string
	EntityType     string
	Assignee       string
	CreatedAt      time.Time
}

// scopeACLs returns acls owned by app.
func scopeACLs(app *App, acls []ACL) []ACL {
	return scoped(acls, func(a *ACL) { a.AppID = app.ID })
}

// scopeAssignees returns as owned by app.
func scopeAssignees(app *App, as []ACLAssignee) []ACLAssignee {
	return scoped(as, func(a *ACLAssignee) { a.AppID = app.ID })
}

// checkEntityType is the per-entity 422 for an unsupported entity type.
func checkEntityType(t string) error {
	if t == EntityTypeJobPosting {
		return nil
	}
	return unprocessable(restli.Violations{restli.FieldError("/atsEntityType",
		fmt.Sprintf("%q is not a securable entity type; only %s is", t, EntityTypeJobPosting))})
}

// PutACLs implements atsEntityAcls batch_update (the body of each entity
// is {}). Securing a job that is not synced yet is allowed: the ATS may
// sync ACLs before or after the jobs.
func (s *Service) PutACLs(ctx context.Context, app *App, acls []ACL) ([]error, error) {
	acls = scopeACLs(app, acls)
	orgs := make([]int64, len(acls))
	for i, a := range acls {
		orgs[i] = a.OrganizationID
	}
	if err := s.authorizeOrgs(ctx, app, orgs...); err != nil {
		return nil, err
	}
	errs := make([]error, len(acls))
	var put []ACL
	now := s.now()
	for i, a := range acls {
		if errs[i] = checkEntityType(a.EntityType); errs[i] == nil {
			a.CreatedAt = now
			put = append(put, a)
		}
	}
	if len(put) > 0 {
		if err := s.store.PutACLs(ctx, put); err != nil {
			return nil, err
		}
	}
	return errs, nil
}

// DeleteACLs implements atsEntityAcls batch_delete.
func (s *Service) DeleteACLs(ctx context.Context, app *App, acls []ACL) ([]error, error) {
	acls = scopeACLs(app, acls)
	orgs := make([]int64, len(acls))
	keys := make([]RecordKey, len(acls))
	for i, a := range acls {
		orgs[i], keys[i] = a.OrganizationID, RecordKey{AppID: a.AppID, OrganizationID: a.OrganizationID, ID: a.ACLID}
	}
	if err := s.authorizeOrgs(ctx, app, orgs...); err != nil {
		return nil, err
	}
	found, err := s.store.DeleteACLs(ctx, acls)
	if err != nil {
		return nil, err
	}
	return notFoundErrs(found, keys, "ACL"), nil
}

// ACLFilter selects ACLs of one organization; empty fields match all.
type ACLFilter struct {
	OrganizationID int64
	EntityType     string
	EntityID       string
}

// FindACLs implements the atsEntityAcls criteria finder.
func (s *Service) FindACLs(ctx context.Context, app *App, f ACLFilter) ([]ACL, error) {
	if err := s.authorizeOrgs(ctx, app, f.OrganizationID); err != nil {
		return nil, err
	}
	all, err := s.store.ListACLs(ctx, app.ID, f.OrganizationID)
	if err != nil {
		return nil, err
	}
	out := []ACL{}
	for _, a := range all {
		if (f.EntityType == "" || a.EntityType == f.EntityType) && (f.EntityID == "" || a.EntityID == f.EntityID) {
			out = append(out, a)
		}
	}
	return out, nil
}

// PutACLAssignees implements atsEntityAclAssignees batch_update. The
// assignee must be a member's person URN; a member may be assigned to at
// most MaxACLsPerAssignee ACLs of an organization (422 beyond).
func (s *Service) PutACLAssignees(ctx context.Context, app *App, as []ACLAssignee) ([]error, error) {
	as = scopeAssignees(app, as)
	orgs := make([]int64, len(as))
	for i, a := range as {
		orgs[i] = a.OrganizationID
	}
	if err := s.authorizeOrgs(ctx, app, orgs...); err != nil {
		return nil, err
	}
	counts, err := s.assigneeCounts(ctx, app.ID, orgs)
	if err != nil {
		return nil, err
	}
	errs := make([]error, len(as))
	var put []ACLAssignee
	now := s.now()
	for i, a := range as {
		if errs[i], err = s.checkAssignee(ctx, a, counts); err != nil {
			return nil, err
		}
		if errs[i] == nil {
			a.CreatedAt = now
			put = append(put, a)
		}
	}
	if len(put) > 0 {
		if err := s.store.PutACLAssignees(ctx, put); err != nil {
			return nil, err
		}
	}
	return errs, nil
}

// assigneeKey identifies one member in one organization.
type assigneeKey struct {
	org    int64
	person string
}

// assigneeCounts returns, per member and organization, the ACLs of appID
// they are assigned to, marking existing assignments so upserts do not
// count twice.
func (s *Service) assigneeCounts(ctx context.Context, appID int64, orgs []int64) (map[assigneeKey]map[string]bool, error) {
	out := map[assigneeKey]map[string]bool{}
	seen := map[int64]bool{}
	for _, o := range orgs {
		if seen[o] {
			continue
		}
		seen[o] = true
		all, err := s.store.ListACLAssignees(ctx, appID, o)
		if err != nil {
			return nil, err
		}
		for _, a := range all {
			k := assigneeKey{o, a.Assignee}
			if out[k] == nil {
				out[k] = map[string]bool{}
			}
			out[k][a.EntityType+"/"+a.ACLID] = true
		}
	}
	return out, nil
}

// checkAssignee validates one assignee and counts it in.
func (s *Service) checkAssignee(ctx context.Context, a ACLAssignee, counts map[assigneeKey]map[string]bool) (error, error) {
	if err := checkEntityType(a.EntityType); err != nil {
		return err, nil
	}
	if vs := personURN("/assignee", a.Assignee); vs != nil {
		return unprocessable(vs), nil
	}
	vs, err := s.memberExists(ctx, "/assignee", a.Assignee)
	if err != nil || vs != nil {
		return unprocessable(vs), err
	}
	k := assigneeKey{a.OrganizationID, a.Assignee}
	if counts[k] == nil {
		counts[k] = map[string]bool{}
	}
	acl := a.EntityType + "/" + a.ACLID
	if !counts[k][acl] && len(counts[k]) >= MaxACLsPerAssignee {
		return unprocessable(restli.Violations{restli.FieldError("/assignee",
			fmt.Sprintf("%s is already assigned to the maximum of %d ACLs", a.Assignee, MaxACLsPerAssignee))}), nil
	}
	counts[k][acl] = true
	return nil, nil
}

// DeleteACLAssignees implements atsEntityAclAssignees batch_delete.
func (s *Service) DeleteACLAssignees(ctx context.Context, app *App, as []ACLAssignee) ([]error, error) {
	as = scopeAssignees(app, as)
	orgs := make([]int64, len(as))
	keys := make([]RecordKey, len(as))
	for i, a := range as {
		orgs[i], keys[i] = a.OrganizationID, RecordKey{AppID: a.AppID, OrganizationID: a.OrganizationID, ID: a.Assignee}
	}
	if err := s.authorizeOrgs(ctx, app, orgs...); err != nil {
		return nil, err
	}
	found, err := s.store.DeleteACLAssignees(ctx, as)
	if err != nil {
		return nil, err
	}
	return notFoundErrs(found, keys, "ACL assignee"), nil
}

// AssigneeFilter selects assignees of one organization; an empty Assignee
// matches all.
type AssigneeFilter struct {
	OrganizationID int64
	Assignee       string
}

// FindACLAssignees implements the atsEntityAclAssignees criteria finder.
func (s *Service) FindACLAssignees(ctx context.Context, app *App, f AssigneeFilter) ([]ACLAssignee, error) {
	if err := s.authorizeOrgs(ctx, app, f.OrganizationID); err != nil {
		return nil, err
	}
	all, err := s.store.ListACLAssignees(ctx, app.ID, f.OrganizationID)
	if err != nil {
		return nil, err
	}
	out := []ACLAssignee{}
	for _, a := range all {
		if f.Assignee == "" || a.Assignee == f.Assignee {
			out = append(out, a)
		}
	}
	return out, nil
}
