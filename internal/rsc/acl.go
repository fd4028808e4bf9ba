package rsc

import (
	"context"
	"net/http"
)

// entityTypeJob is the only securable entity type (rsc-api.md §3.12).
const entityTypeJob = "JOB_POSTING"

// ACL restricts a secured job to a group (rsc-api.md §3.12): the key is
// the data and the body is {}.
type ACL struct {
	ID    string // atsEntityAclId, e.g. one per job's hiring team
	JobID string // externalJobPostingId
}

func (a ACL) key(org string) Key {
	return Key{{"atsEntityAclId", a.ID}, {"dataProvider", dataProviderATS}, {"integrationContext", org},
		{"atsEntityId", a.JobID}, {"atsEntityType", entityTypeJob}}
}

// ACLAssignee puts a member (person URN) in an ACL (rsc-api.md §3.12).
type ACLAssignee struct {
	ACLID    string
	Assignee string // urn:li:person:{id}
}

func (a ACLAssignee) key(org string) Key {
	return Key{{"atsEntityAclId", a.ACLID}, {"integrationContext", org}, {"dataProvider", dataProviderATS},
		{"assignee", a.Assignee}, {"atsEntityType", entityTypeJob}}
}

const (
	aclsPath      = "/v2/atsEntityAcls"
	assigneesPath = "/v2/atsEntityAclAssignees"
)

// empty is the {} body of ACL entities.
type empty struct{}

// UpdateACLs upserts ACLs with batch_update.
func (cl *Client) UpdateACLs(ctx context.Context, org string, acls []ACL) ([]Result, error) {
	ks := make([]Key, len(acls))
	for i, a := range acls {
		ks[i] = a.key(org)
	}
	return cl.batchWrite(ctx, http.MethodPut, aclsPath, "batch_update", ks, entities(ks, make([]empty, len(ks))))
}

// DeleteACLs deletes ACLs.
func (cl *Client) DeleteACLs(ctx context.Context, org string, acls []ACL) ([]Result, error) {
	ks := make([]Key, len(acls))
	for i, a := range acls {
		ks[i] = a.key(org)
	}
	return cl.batchWrite(ctx, http.MethodDelete, aclsPath, "", ks, nil)
}

// UpdateACLAssignees adds members to ACLs with batch_update.
func (cl *Client) UpdateACLAssignees(ctx context.Context, org string, as []ACLAssignee) ([]Result, error) {
	ks := make([]Key, len(as))
	for i, a := range as {
		ks[i] = a.key(org)
	}
	return cl.batchWrite(ctx, http.MethodPut, assigneesPath, "batch_update", ks, entities(ks, make([]empty, len(ks))))
}

// DeleteACLAssignees removes members from ACLs.
func (cl *Client) DeleteACLAssignees(ctx context.Context, org string, as []ACLAssignee) ([]Result, error) {
	ks := make([]Key, len(as))
	for i, a := range as {
		ks[i] = a.key(org)
	}
	return cl.batchWrite(ctx, http.MethodDelete, assigneesPath, "", ks, nil)
}
