package linkedinsim

import (
	"net/http"

	"attractor/internal/linkedinsim/restli"
)

// handleApplications serves /v2/atsApplications?ids[N]…: batch_update
// (PUT, full replace), batch_get (GET) and batch_delete (DELETE, which
// also deletes each application's notes, interview feedback and stages)
// (rsc-api.md §3.8).
func (s *Server) handleApplications(w http.ResponseWriter, r *http.Request, app *App) error {
	m, err := wantMethod(r, true, restli.MethodBatchUpdate, restli.MethodBatchGet, restli.MethodBatchDelete)
	if err != nil {
		return err
	}
	ks, err := batchKeys(r, "atsJobApplicationId")
	if err != nil {
		return err
	}
	ctx := r.Context()
	keys := recordKeys(ks, "atsJobApplicationId")
	var errs []error
	switch m {
	case restli.MethodBatchGet:
		return s.applicationsGet(w, r, app, ks, keys)
	case restli.MethodBatchDelete:
		errs, err = s.svc.DeleteApplications(ctx, app, keys)
	default:
		ws, derr := entityWrites(r, ks, "atsJobApplicationId")
		if derr != nil {
			return derr
		}
		errs, err = s.svc.SyncApplications(ctx, app, ws)
	}
	if err != nil {
		return err
	}
	writeBatch(w, keyStrings(ks), errs)
	return nil
}

// applicationsGet renders a batch get of applications.
func (s *Server) applicationsGet(w http.ResponseWriter, r *http.Request, app *App, ks []parsedKey, keys []RecordKey) error {
	fields, err := restli.ParseFields(restli.Query(r).Get("fields"))
	if err != nil {
		return err
	}
	as, err := s.svc.Applications(r.Context(), app, keys)
	if err != nil {
		return err
	}
	var resp restli.BatchGetResponse
	for i, k := range ks {
		if as[i] == nil {
			resp.Fail(k.String(), http.StatusNotFound, "Not Found")
			continue
		}
		body, err := fields.ApplyJSON(as[i].Body)
		if err != nil {
			return err
		}
		resp.Found(k.String(), body)
	}
	restli.WriteJSON(w, http.StatusOK, resp)
	return nil
}
