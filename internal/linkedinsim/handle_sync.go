package linkedinsim

import (
	"encoding/json"
	"fmt"
	"net/http"

	"attractor/internal/linkedinsim/restli"
)

// This file holds what the sync handlers share (rsc-api.md §2.3, §2.4):
// the adapter that renders Rest.li parse errors with their own status,
// compound-key parsing with the RSC key rules, and the batch envelopes.

// rsc adapts a sync handler: the bearer token is resolved (authed). A
// *restli.Error from the protocol helpers is rendered with its own status
// (400, 405, 414 …) by the one error adapter, [Server.api], like every
// other error.
func (s *Server) rsc(h authedFunc) http.Handler {
	return s.authed(h)
}

// parsedKey is one compound key of a request: its canonical text (the
// response key) and its organization.
type parsedKey struct {
	restli.Key
	org int64
}

// checkKey requires exactly fields (plus dataProvider=ATS and an
// organization integrationContext, which every sync key has) and returns
// the organization.
func checkKey(k restli.Key, fields ...string) (int64, error) {
	fields = append(fields, "dataProvider", "integrationContext")
	if err := k.Require(fields...); err != nil {
		return 0, err
	}
	if len(k) != len(fields) {
		return 0, restli.Errorf(http.StatusBadRequest, "Key %q has fields other than %v", k.String(), fields)
	}
	if k["dataProvider"] != DataProviderATS {
		return 0, restli.Errorf(http.StatusBadRequest, "Key %q: dataProvider must be ATS", k.String())
	}
	org, err := ParseOrganizationURN(k["integrationContext"])
	if err != nil {
		return 0, restli.Errorf(http.StatusBadRequest, "Key %q: integrationContext must be an urn:li:organization", k.String())
	}
	return org, nil
}

// batchKeys parses and checks the ids[N].field keys of a batch request
// whose keys carry fields, and charges them to the app's limits (batch
// size, records per minute).
func batchKeys(r *http.Request, fields ...string) ([]parsedKey, error) {
	keys, err := restli.BatchKeys(restli.Query(r))
	if err != nil {
		return nil, err
	}
	if err := CountRecords(r, len(keys)); err != nil {
		return nil, err
	}
	out := make([]parsedKey, len(keys))
	for i, k := range keys {
		org, err := checkKey(k, fields...)
		if err != nil {
			return nil, err
		}
		out[i] = parsedKey{k, org}
	}
	return out, nil
}

// rawKeys returns the restli keys of ks, for DecodeEntities.
func rawKeys(ks []parsedKey) []restli.Key {
	out := make([]restli.Key, len(ks))
	for i, k := range ks {
		out[i] = k.Key
	}
	return out
}

// recordKeys returns the record keys of ks, with idField as the id.
func recordKeys(ks []parsedKey, idField string) []RecordKey {
	out := make([]RecordKey, len(ks))
	for i, k := range ks {
		out[i] = RecordKey{OrganizationID: k.org, ID: k.Key[idField]}
	}
	return out
}

// entityWrites decodes the entity-map body against ks.
func entityWrites(r *http.Request, ks []parsedKey, idField string) ([]EntityWrite, error) {
	m, err := restli.DecodeEntities(r.Body, rawKeys(ks))
	if err != nil {
		return nil, err
	}
	out := make([]EntityWrite, len(ks))
	for i, k := range ks {
		out[i] = EntityWrite{Key: RecordKey{OrganizationID: k.org, ID: k.Key[idField]}, Body: m[k.String()]}
	}
	return out, nil
}

// writeBatch renders per-entity outcomes: 204 for success, the error's
// status and message otherwise (rsc-api.md §2.4 "Batch write response").
func writeBatch(w http.ResponseWriter, keys []string, errs []error) {
	var resp restli.BatchWriteResponse
	for i, k := range keys {
		if errs[i] == nil {
			resp.OK(k, http.StatusNoContent)
			continue
		}
		resp.Fail(k, statusOf(ErrorCode(errs[i])), ErrorMessage(errs[i]))
	}
	restli.WriteJSON(w, http.StatusOK, resp)
}

// keyStrings returns the canonical key texts of ks.
func keyStrings(ks []parsedKey) []string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = k.String()
	}
	return out
}

// wantMethod checks the request's Rest.li method is one of allowed.
func wantMethod(r *http.Request, batch bool, allowed ...string) (string, error) {
	m, err := restli.ResolveMethod(r, batch)
	if err != nil {
		return "", err
	}
	for _, a := range allowed {
		if m == a {
			return m, nil
		}
	}
	return "", restli.Errorf(http.StatusMethodNotAllowed, "Method %s is not supported on this resource", m)
}

// projected encodes v and applies the fields= mask.
func projected(v any, fields restli.Fields) (json.RawMessage, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encode entity: %w", err)
	}
	return fields.ApplyJSON(b)
}

// subResource is a sub-resource path: its parent collection, the parent
// key's id field and the kind of record.
type subResource struct {
	parent  string
	idField string
	kind    SubKind
}

// handleSubRecords serves PUT (batch_update), GET (batch_get) and DELETE
// (batch_delete) of candidate notes and of application notes, interview
// feedback and stages, addressed as
// /v2/{parent}/{compound key}/{sub}?ids=… (rsc-api.md §2.3, §3.7–§3.11).
func (s *Server) handleSubRecords(sr subResource) authedFunc {
	return func(w http.ResponseWriter, r *http.Request, app *App) error {
		pk, err := restli.PathKey(r, sr.parent)
		if err != nil {
			return err
		}
		org, err := checkKey(pk, sr.idField)
		if err != nil {
			return err
		}
		parent := RecordKey{OrganizationID: org, ID: pk[sr.idField]}
		q := restli.Query(r)
		ids, err := restli.SimpleIDs(q)
		if err != nil {
			return err
		}
		if err := CountRecords(r, len(ids)); err != nil {
			return err
		}
		m, err := wantMethod(r, true, restli.MethodBatchUpdate, restli.MethodBatchGet, restli.MethodBatchDelete)
		if err != nil {
			return err
		}
		ctx := r.Context()
		switch m {
		case restli.MethodBatchUpdate:
			em, err := restli.DecodeSimpleEntities(r.Body, ids)
			if err != nil {
				return err
			}
			bodies := make([]json.RawMessage, len(ids))
			for i, id := range ids {
				bodies[i] = em[id]
			}
			errs, err := s.svc.SyncSubRecords(ctx, app, parent, sr.kind, ids, bodies)
			if err != nil {
				return err
			}
			writeBatch(w, ids, errs)
		case restli.MethodBatchDelete:
			errs, err := s.svc.DeleteSubRecords(ctx, app, parent, sr.kind, ids)
			if err != nil {
				return err
			}
			writeBatch(w, ids, errs)
		default:
			return s.subRecordsGet(w, r, app, parent, sr.kind, ids)
		}
		return nil
	}
}

// subRecordsGet renders a batch get of sub-records.
func (s *Server) subRecordsGet(w http.ResponseWriter, r *http.Request, app *App, parent RecordKey, kind SubKind, ids []string) error {
	fields, err := restli.ParseFields(restli.Query(r).Get("fields"))
	if err != nil {
		return err
	}
	recs, err := s.svc.SubRecords(r.Context(), app, parent, kind, ids)
	if err != nil {
		return err
	}
	var resp restli.BatchGetResponse
	for i, id := range ids {
		if recs[i] == nil {
			resp.Fail(id, http.StatusNotFound, "Not Found")
			continue
		}
		body, err := fields.ApplyJSON(recs[i].Body)
		if err != nil {
			return err
		}
		resp.Found(id, body)
	}
	restli.WriteJSON(w, http.StatusOK, resp)
	return nil
}
