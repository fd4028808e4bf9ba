package linkedinsim

import (
	"net/http"

	"attractor/internal/linkedinsim/restli"
)

// aclWire is an ACL as the criteria finder returns it: its key fields.
type aclWire struct {
	ATSEntityACLID     string `json:"atsEntityAclId"`
	ATSEntityID        string `json:"atsEntityId"`
	ATSEntityType      string `json:"atsEntityType"`
	DataProvider       string `json:"dataProvider"`
	IntegrationContext string `json:"integrationContext"`
}

// assigneeWire is an ACL assignee as the criteria finder returns it.
type assigneeWire struct {
	ATSEntityACLID     string `json:"atsEntityAclId"`
	Assignee           string `json:"assignee"`
	ATSEntityType      string `json:"atsEntityType"`
	DataProvider       string `json:"dataProvider"`
	IntegrationContext string `json:"integrationContext"`
}

// handleACLs serves /v2/atsEntityAcls: batch_update (PUT, body entities
// {}), batch_delete (DELETE) and the criteria finder (GET q=criteria)
// (rsc-api.md §3.12).
func (s *Server) handleACLs(w http.ResponseWriter, r *http.Request, app *App) error {
	if r.Method == http.MethodGet {
		return s.aclsFind(w, r, app)
	}
	m, err := wantMethod(r, true, restli.MethodBatchUpdate, restli.MethodBatchDelete)
	if err != nil {
		return err
	}
	ks, err := batchKeys(r, "atsEntityAclId", "atsEntityId", "atsEntityType")
	if err != nil {
		return err
	}
	acls := make([]ACL, len(ks))
	for i, k := range ks {
		acls[i] = ACL{OrganizationID: k.org, ACLID: k.Key["atsEntityAclId"], EntityType: k.Key["atsEntityType"],
			EntityID: k.Key["atsEntityId"]}
	}
	var errs []error
	if m == restli.MethodBatchUpdate {
		if _, err := restli.DecodeEntities(r.Body, rawKeys(ks)); err != nil {
			return err
		}
		errs, err = s.svc.PutACLs(r.Context(), app, acls)
	} else {
		errs, err = s.svc.DeleteACLs(r.Context(), app, acls)
	}
	if err != nil {
		return err
	}
	writeBatch(w, keyStrings(ks), errs)
	return nil
}

// finderContext reads the q=criteria finder's mandatory dataProvider and
// integrationContext and the paging.
func finderContext(r *http.Request) (org int64, start, count int, err error) {
	q := restli.Query(r)
	if q.Get("q") != "criteria" {
		return 0, 0, 0, restli.Errorf(http.StatusBadRequest, "Unsupported finder q=%q; use q=criteria", q.Get("q"))
	}
	if err := restli.RequireQuery(q, "dataProvider", "integrationContext"); err != nil {
		return 0, 0, 0, err
	}
	if q.Get("dataProvider") != DataProviderATS {
		return 0, 0, 0, restli.Errorf(http.StatusBadRequest, "dataProvider must be ATS")
	}
	org, perr := ParseOrganizationURN(q.Get("integrationContext"))
	if perr != nil {
		return 0, 0, 0, restli.Errorf(http.StatusBadRequest, "integrationContext must be an urn:li:organization")
	}
	start, count, err = restli.ParsePaging(q, restli.DefaultPageSize, restli.MaxBatchSize)
	return org, start, count, err
}

// aclsFind implements GET /v2/atsEntityAcls?q=criteria&atsEntityId=…&
// atsEntityType=…&dataProvider=ATS&integrationContext=…&start=&count=.
func (s *Server) aclsFind(w http.ResponseWriter, r *http.Request, app *App) error {
	org, start, count, err := finderContext(r)
	if err != nil {
		return err
	}
	q := restli.Query(r)
	acls, err := s.svc.FindACLs(r.Context(), app, ACLFilter{OrganizationID: org,
		EntityType: q.Get("atsEntityType"), EntityID: q.Get("atsEntityId")})
	if err != nil {
		return err
	}
	out := make([]aclWire, len(acls))
	for i, a := range acls {
		out[i] = aclWire{a.ACLID, a.EntityID, a.EntityType, DataProviderATS, OrganizationURN(a.OrganizationID)}
	}
	restli.WriteJSON(w, http.StatusOK, restli.Page(out, start, count))
	return nil
}

// handleACLAssignees serves /v2/atsEntityAclAssignees: batch_update,
// batch_delete and the criteria finder (rsc-api.md §3.12).
func (s *Server) handleACLAssignees(w http.ResponseWriter, r *http.Request, app *App) error {
	if r.Method == http.MethodGet {
		return s.assigneesFind(w, r, app)
	}
	m, err := wantMethod(r, true, restli.MethodBatchUpdate, restli.MethodBatchDelete)
	if err != nil {
		return err
	}
	ks, err := batchKeys(r, "atsEntityAclId", "assignee", "atsEntityType")
	if err != nil {
		return err
	}
	as := make([]ACLAssignee, len(ks))
	for i, k := range ks {
		as[i] = ACLAssignee{OrganizationID: k.org, ACLID: k.Key["atsEntityAclId"], EntityType: k.Key["atsEntityType"],
			Assignee: k.Key["assignee"]}
	}
	var errs []error
	if m == restli.MethodBatchUpdate {
		if _, err := restli.DecodeEntities(r.Body, rawKeys(ks)); err != nil {
			return err
		}
		errs, err = s.svc.PutACLAssignees(r.Context(), app, as)
	} else {
		errs, err = s.svc.DeleteACLAssignees(r.Context(), app, as)
	}
	if err != nil {
		return err
	}
	writeBatch(w, keyStrings(ks), errs)
	return nil
}

// assigneesFind implements GET /v2/atsEntityAclAssignees?q=criteria&
// assignee=…&dataProvider=ATS&integrationContext=….
func (s *Server) assigneesFind(w http.ResponseWriter, r *http.Request, app *App) error {
	org, start, count, err := finderContext(r)
	if err != nil {
		return err
	}
	as, err := s.svc.FindACLAssignees(r.Context(), app, AssigneeFilter{OrganizationID: org,
		Assignee: restli.Query(r).Get("assignee")})
	if err != nil {
		return err
	}
	out := make([]assigneeWire, len(as))
	for i, a := range as {
		out[i] = assigneeWire{a.ACLID, a.Assignee, a.EntityType, DataProviderATS, OrganizationURN(a.OrganizationID)}
	}
	restli.WriteJSON(w, http.StatusOK, restli.Page(out, start, count))
	return nil
}
