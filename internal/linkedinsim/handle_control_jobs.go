package linkedinsim

import (
	"errors"
	"net/http"

	"attractor/internal/linkedinsim/restli"
)

// exportJobWire is a job in GET /sim/v1/jobs: the job and the ATS
// instance (app) it belongs to.
type exportJobWire struct {
	ExternalJobPostingID string `json:"externalJobPostingId"`
	Title                string `json:"title"`
	JobPosting           string `json:"jobPosting"`
	Availability         string `json:"availability"`
	State                string `json:"state"`
	IntegrationContext   string `json:"integrationContext"`
	App                  string `json:"app"`
	ATSName              string `json:"atsName"`
}

// exportTargetWire is an ATS instance the seat may export to.
type exportTargetWire struct {
	App             string `json:"app"`
	ClientID        string `json:"clientId"`
	Name            string `json:"name"`
	IntegrationName string `json:"integrationName"`
}

// jobsPage is the answer of GET /sim/v1/jobs: a finder page plus the
// seat's ATS instances, for a "Change ATS" control.
type jobsPage struct {
	restli.FinderResponse
	ATSInstances []exportTargetWire `json:"atsInstances"`
}

// handleExportJobIndex serves GET /sim/v1/jobs?seat=urn:li:seat:N[&q=…]
// [&app=…][&start=&count=]: the listed jobs the seat may export to, across
// the ATS instances with 1-Click Export enabled for its organization,
// searched by title (substring, ignoring case and accents) or exact
// externalJobPostingId, ACL-aware. app (URN, id or client id) narrows to
// one instance. Paging as the partner API's finders (count ≤ 100,
// default 10).
func (s *Server) handleExportJobIndex(w http.ResponseWriter, r *http.Request) error {
	q := restli.Query(r)
	if err := restli.RequireQuery(q, "seat"); err != nil {
		return controlError(err)
	}
	start, count, err := restli.ParsePaging(q, restli.DefaultPageSize, restli.MaxBatchSize)
	if err != nil {
		return controlError(err)
	}
	search := JobSearch{Seat: q.Get("seat"), Query: q.Get("q")}
	if ref := q.Get("app"); ref != "" {
		if search.AppID, err = s.controlAppID(r.Context(), ref); err != nil {
			return err
		}
	}
	found, err := s.svc.SearchExportJobs(r.Context(), search)
	if err != nil {
		return err
	}
	names := map[int64]string{}
	targets := make([]exportTargetWire, 0, len(found.Targets))
	for _, t := range found.Targets {
		names[t.App.ID] = t.Integration.Name
		targets = append(targets, exportTargetWire{App: t.App.URN(), ClientID: t.App.ClientID, Name: t.App.Name,
			IntegrationName: t.Integration.Name})
	}
	jobs := make([]exportJobWire, 0, len(found.Jobs))
	for _, ej := range found.Jobs {
		j := ej.Job
		jobs = append(jobs, exportJobWire{ExternalJobPostingID: j.ExternalJobPostingID, Title: j.Title,
			JobPosting: JobPostingURN(j.JobPostingID), Availability: j.Availability, State: j.State,
			IntegrationContext: OrganizationURN(j.OrganizationID), App: AppURN(ej.AppID), ATSName: names[ej.AppID]})
	}
	writeJSON(w, http.StatusOK, jobsPage{FinderResponse: restli.Page(jobs, start, count), ATSInstances: targets})
	return nil
}

// controlError turns a Rest.li helper's 400 into the domain error the
// control adapter renders (only the partner API's adapter renders
// *restli.Error itself).
func controlError(err error) error {
	var re *restli.Error
	if errors.As(err, &re) {
		return Errorf(EINVALID, "%s", re.Message)
	}
	return err
}
