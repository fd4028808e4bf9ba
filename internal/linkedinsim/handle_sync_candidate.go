package linkedinsim

import (
	"encoding/json"
	"net/http"

	"attractor/internal/linkedinsim/restli"
)

// handleCandidates serves /v2/atsCandidates?ids[N]…: batch_update (PUT),
// batch_partial_update (POST, manualMatchedMember), batch_get with the
// matches (GET, fields=matchedMembers,manualMatchedMember) and
// batch_delete (DELETE) (rsc-api.md §3.6).
func (s *Server) handleCandidates(w http.ResponseWriter, r *http.Request, app *App) error {
	m, err := wantMethod(r, true, restli.MethodBatchUpdate, restli.MethodBatchPartialUpdate,
		restli.MethodBatchGet, restli.MethodBatchDelete)
	if err != nil {
		return err
	}
	ks, err := batchKeys(r, "atsCandidateId")
	if err != nil {
		return err
	}
	ctx := r.Context()
	var errs []error
	switch m {
	case restli.MethodBatchGet:
		return s.candidatesGet(w, r, app, ks)
	case restli.MethodBatchDelete:
		errs, err = s.svc.DeleteCandidates(ctx, app, recordKeys(ks, "atsCandidateId"))
	default:
		ws, derr := entityWrites(r, ks, "atsCandidateId")
		if derr != nil {
			return derr
		}
		if m == restli.MethodBatchUpdate {
			errs, err = s.svc.SyncCandidates(ctx, app, ws)
		} else {
			errs, err = s.svc.PatchCandidates(ctx, app, ws)
		}
	}
	if err != nil {
		return err
	}
	writeBatch(w, keyStrings(ks), errs)
	return nil
}

// candidatesGet renders the matches finder: each candidate's record with
// matchedMembers and manualMatchedMember (null when none), projected by
// fields=.
func (s *Server) candidatesGet(w http.ResponseWriter, r *http.Request, app *App, ks []parsedKey) error {
	fields, err := restli.ParseFields(restli.Query(r).Get("fields"))
	if err != nil {
		return err
	}
	ms, err := s.svc.CandidateMatchesFor(r.Context(), app, recordKeys(ks, "atsCandidateId"))
	if err != nil {
		return err
	}
	var resp restli.BatchGetResponse
	for i, k := range ks {
		if ms[i] == nil {
			resp.Fail(k.String(), http.StatusNotFound, "Not Found")
			continue
		}
		var e map[string]any
		if err := json.Unmarshal(ms[i].Candidate.Body, &e); err != nil {
			return err
		}
		e["matchedMembers"] = ms[i].MatchedMembers
		e["manualMatchedMember"] = nil
		if mm := ms[i].Candidate.ManualMatchedMember; mm != "" {
			e["manualMatchedMember"] = mm
		}
		resp.Found(k.String(), fields.Apply(e))
	}
	restli.WriteJSON(w, http.StatusOK, resp)
	return nil
}
