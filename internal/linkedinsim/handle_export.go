package linkedinsim

import (
	"encoding/json"
	"net/http"

	"attractor/internal/linkedinsim/restli"
)

// exportedCandidateWire is an exportedCandidates element. rsc-api.md §3.13
// confirms only integrationContext and candidate (the stub profile of the
// exported member); the other names follow what a third-party connector
// reads (candidate.{member, firstName, lastName, headline, location,
// profileUrl, currentEmployerNames}, externalJobPostingId) and
// atsCandidates' currentJobTitle; requestId, exporter and exportedAt
// (epoch ms) are the simulator's [INF]. No email or phone: see
// ExportedCandidate.
type exportedCandidateWire struct {
	RequestID            string          `json:"requestId"`
	IntegrationContext   string          `json:"integrationContext"`
	ExternalJobPostingID string          `json:"externalJobPostingId"`
	Candidate            stubProfileWire `json:"candidate"`
	Exporter             exporterWire    `json:"exporter"`
	ExportedAt           int64           `json:"exportedAt"`
}

// stubProfileWire is the exported member's stub profile.
type stubProfileWire struct {
	Member               string   `json:"member"`
	FirstName            string   `json:"firstName"`
	LastName             string   `json:"lastName"`
	Headline             string   `json:"headline"`
	CurrentEmployerNames []string `json:"currentEmployerNames"`
	CurrentJobTitle      string   `json:"currentJobTitle"`
	Location             string   `json:"location"`
	ProfileURL           string   `json:"profileUrl"`
}

// exporterWire is who exported: the Recruiter seat, the member holding it
// (match it to an ATS user, as with seatsV2) and the seat's contract.
type exporterWire struct {
	Seat     string `json:"seat"`
	Member   string `json:"member"`
	Contract string `json:"contract"`
}

func exportToWire(e *ExportedCandidate) exportedCandidateWire {
	employers := []string{}
	if e.Company != "" {
		employers = append(employers, e.Company)
	}
	return exportedCandidateWire{RequestID: e.RequestID, IntegrationContext: OrganizationURN(e.OrganizationID),
		ExternalJobPostingID: e.ExternalJobPostingID,
		Candidate: stubProfileWire{Member: e.PersonURN, FirstName: e.FirstName, LastName: e.LastName,
			Headline: e.Headline, CurrentEmployerNames: employers, CurrentJobTitle: e.Title,
			Location: e.Location, ProfileURL: e.ProfileURL},
		Exporter:   exporterWire{Seat: SeatURN(e.SeatID), Member: e.ExporterPersonURN, Contract: ContractURN(e.ContractID)},
		ExportedAt: e.ExportedAt.UnixMilli()}
}

// handleExportedCandidatesFind serves GET
// /v2/exportedCandidates?q=request&requestId=… (rsc-api.md §3.13) with the
// child app's token: a finder answer with the export, or with no element
// when the request id is unknown or another app's. fields= projects each
// element.
func (s *Server) handleExportedCandidatesFind(w http.ResponseWriter, r *http.Request, app *App) error {
	q := restli.Query(r)
	start, count, err := requestFinder(q)
	if err != nil {
		return err
	}
	fields, err := restli.ParseFields(q.Get("fields"))
	if err != nil {
		return err
	}
	found, err := s.svc.FindExportedCandidates(r.Context(), app, q.Get("requestId"))
	if err != nil {
		return err
	}
	elements := make([]json.RawMessage, 0, len(found))
	for _, e := range found {
		b, err := projected(exportToWire(e), fields)
		if err != nil {
			return err
		}
		elements = append(elements, b)
	}
	restli.WriteJSON(w, http.StatusOK, restli.Page(elements, start, count))
	return nil
}

// exportBody is POST /sim/v1/exports. app is the ATS instance as its
// urn:li:developerApplication, numeric id or client id.
type exportBody struct {
	Seat                 string `json:"seat"`
	Member               string `json:"member"`
	App                  string `json:"app"`
	ExternalJobPostingID string `json:"externalJobPostingId"`
}

var exportFields = []string{"seat", "member", "app", "externalJobPostingId"}

// exportCreatedWire answers POST /sim/v1/exports: the record as the ATS
// will fetch it, plus the app and the job's title.
type exportCreatedWire struct {
	exportedCandidateWire
	App      string `json:"app"`
	JobTitle string `json:"jobTitle"`
}

// handleExportCreate serves POST /sim/v1/exports
// {"seat","member","app","externalJobPostingId"}: a Recruiter seat's
// 1-Click Export. 201 with the record; the EXPORT_CANDIDATE_PROFILE push
// is queued. Over the seat's monthly export limit: 429 with Retry-After.
func (s *Server) handleExportCreate(w http.ResponseWriter, r *http.Request) error {
	var in exportBody
	if err := decodeStrict(r, &in, exportFields); err != nil {
		return err
	}
	var appID int64
	if in.App != "" {
		id, err := s.controlAppID(r.Context(), in.App)
		if err != nil {
			return err
		}
		appID = id
	}
	e, err := s.svc.ExportCandidate(r.Context(), ExportInput{Seat: in.Seat, Member: in.Member, AppID: appID,
		ExternalJobPostingID: in.ExternalJobPostingID}, s.limits)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, exportCreatedWire{exportedCandidateWire: exportToWire(e),
		App: AppURN(e.AppID), JobTitle: e.JobTitle})
	return nil
}
