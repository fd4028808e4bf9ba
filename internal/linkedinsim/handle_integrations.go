package linkedinsim

import (
	"encoding/json"
	"net/http"
	"net/url"
	"time"

	"attractor/internal/linkedinsim/restli"
)

// integrationWire is an atsIntegrations entity. rsc-api.md §3.3 confirms
// the key fields, integrationName and onboardingStatus; the timestamps
// (epoch ms) are [INF].
type integrationWire struct {
	IntegrationContext string            `json:"integrationContext"`
	IntegrationType    IntegrationType   `json:"integrationType"`
	TenantType         string            `json:"tenantType"`
	DataProvider       string            `json:"dataProvider"`
	IntegrationName    string            `json:"integrationName,omitempty"`
	OnboardingStatus   IntegrationStatus `json:"onboardingStatus"`
	RequestedAt        int64             `json:"requestedAt"`
	EnabledAt          int64             `json:"enabledAt,omitempty"`
	LastModifiedAt     int64             `json:"lastModifiedAt"`
}

func integrationToWire(in Integration) integrationWire {
	return integrationWire{IntegrationContext: in.Key.Context, IntegrationType: in.Key.Type,
		TenantType: TenantRecruiter, DataProvider: DataProviderATS, IntegrationName: in.Name,
		OnboardingStatus: in.Status, RequestedAt: millis(in.RequestedAt), EnabledAt: millis(in.EnabledAt),
		LastModifiedAt: millis(in.UpdatedAt)}
}

// millis is epoch milliseconds, 0 for the zero time.
func millis(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// integrationKey turns a Rest.li key into an IntegrationKey, checking all
// four fields (rsc-api.md §3.3).
func integrationKey(k restli.Key) (IntegrationKey, error) {
	if err := k.Require("integrationContext", "integrationType", "tenantType", "dataProvider"); err != nil {
		return IntegrationKey{}, err
	}
	if len(k) != 4 {
		return IntegrationKey{}, Errorf(EINVALID, "Key %q has fields other than integrationContext, integrationType, tenantType and dataProvider.", k.String())
	}
	ik := IntegrationKey{Context: k["integrationContext"], Type: IntegrationType(k["integrationType"])}
	return ik, ValidateIntegrationKey(ik, k["tenantType"], k["dataProvider"])
}

// batchIntegrationKeys reads and checks the ids[N].… keys of a request.
func batchIntegrationKeys(r *http.Request) ([]restli.Key, []IntegrationKey, error) {
	keys, err := restli.BatchKeys(restli.Query(r))
	if err != nil {
		return nil, nil, err
	}
	if err := CountRecords(r, len(keys)); err != nil {
		return nil, nil, err
	}
	out := make([]IntegrationKey, len(keys))
	for i, k := range keys {
		if out[i], err = integrationKey(k); err != nil {
			return nil, nil, err
		}
	}
	return keys, out, nil
}

// handleIntegrationsGet serves GET /v2/atsIntegrations: the batch get
// with ids[N].… keys or the q=request&requestId= finder (rsc-api.md §3.3).
func (s *Server) handleIntegrationsGet(w http.ResponseWriter, r *http.Request, app *App) error {
	if q := restli.Query(r); q.Has("q") {
		return s.handleIntegrationsFind(w, r, app)
	}
	keys, iks, err := batchIntegrationKeys(r)
	if err != nil {
		return err
	}
	found, err := s.svc.GetIntegrations(r.Context(), app, iks)
	if err != nil {
		return err
	}
	var resp restli.BatchGetResponse
	for i, k := range keys {
		if in, ok := found[iks[i]]; ok {
			resp.Found(k.String(), integrationToWire(in))
		} else {
			resp.Fail(k.String(), http.StatusNotFound, "Integration "+string(iks[i].Type)+" of "+iks[i].Context+" was not requested.")
		}
	}
	restli.WriteJSON(w, http.StatusOK, resp)
	return nil
}

// requestFinder checks a q=request&requestId= finder call (the push
// notification follow-ups, rsc-api.md §3.3 and §3.13) and returns its page.
func requestFinder(q url.Values) (start, count int, err error) {
	if finder := q.Get("q"); finder != "request" {
		return 0, 0, Errorf(EINVALID, "Unsupported finder q=%q; use q=request.", finder)
	}
	if err := restli.RequireQuery(q, "requestId"); err != nil {
		return 0, 0, err
	}
	return restli.ParsePaging(q, restli.DefaultPageSize, restli.MaxBatchSize)
}

// handleIntegrationsFind serves q=request&requestId=.
func (s *Server) handleIntegrationsFind(w http.ResponseWriter, r *http.Request, app *App) error {
	q := restli.Query(r)
	start, count, err := requestFinder(q)
	if err != nil {
		return err
	}
	ins, err := s.svc.FindIntegrationRequest(r.Context(), app, q.Get("requestId"))
	if err != nil {
		return err
	}
	elements := make([]integrationWire, 0, len(ins))
	for _, in := range ins {
		elements = append(elements, integrationToWire(in))
	}
	restli.WriteJSON(w, http.StatusOK, restli.Page(elements, start, count))
	return nil
}

// handleIntegrationsUpdate serves POST /v2/atsIntegrations with
// X-RestLi-Method batch_partial_update: {"patch":{"$set":{"integrationName":…}}}
// per entity (rsc-api.md §3.3). Malformed keys, a key mismatch or a
// foreign context refuse the whole request; a bad name or a type never
// requested fails only its entity.
func (s *Server) handleIntegrationsUpdate(w http.ResponseWriter, r *http.Request, app *App) error {
	m, err := restli.ResolveMethod(r, true)
	if err != nil {
		return err
	}
	if m != restli.MethodBatchPartialUpdate {
		return Errorf(EINVALID, "X-RestLi-Method %q is not supported on atsIntegrations; use batch_partial_update.", m)
	}
	keys, iks, err := batchIntegrationKeys(r)
	if err != nil {
		return err
	}
	entities, err := restli.DecodeEntities(r.Body, keys)
	if err != nil {
		return err
	}
	names := map[IntegrationKey]string{}
	var resp restli.BatchWriteResponse
	for i, k := range keys {
		name, err := integrationNamePatch(entities[k.String()])
		if err != nil {
			resp.FailErr(k.String(), entityError(err))
			continue
		}
		names[iks[i]] = name
	}
	failed, err := s.svc.NameIntegrations(r.Context(), app, names)
	if err != nil {
		return err
	}
	for i, k := range keys {
		if _, bad := resp.Errors[k.String()]; bad {
			continue
		}
		if err := failed[iks[i]]; err != nil {
			resp.FailErr(k.String(), entityError(err))
		} else {
			resp.OK(k.String(), http.StatusNoContent)
		}
	}
	restli.WriteJSON(w, http.StatusOK, resp)
	return nil
}

// integrationNamePatch reads a patch that may only $set integrationName.
func integrationNamePatch(raw json.RawMessage) (string, error) {
	p, err := restli.DecodePatch(raw)
	if err != nil {
		return "", err
	}
	if len(p.Delete) > 0 {
		return "", Errorf(EUNPROCESSABLE, "ERROR :: /%s :: field cannot be deleted\n", p.Delete[0])
	}
	var name string
	for f, v := range p.Set {
		if f != "integrationName" {
			return "", Errorf(EUNPROCESSABLE, "ERROR :: /%s :: field is read-only or unknown; only integrationName can be set\n", f)
		}
		if err := json.Unmarshal(v, &name); err != nil {
			return "", Errorf(EUNPROCESSABLE, "ERROR :: /integrationName :: must be a string\n")
		}
	}
	if _, ok := p.Set["integrationName"]; !ok {
		return "", Errorf(EUNPROCESSABLE, "ERROR :: /integrationName :: field is required but not found and has no default value\n")
	}
	return name, nil
}

// entityError turns an error into a per-entity batch error, keeping
// restli's own errors (they carry their status) and mapping domain codes
// through the one status table.
func entityError(err error) *restli.Error {
	if e, ok := err.(*restli.Error); ok {
		return e
	}
	status := statusOf(ErrorCode(err))
	return &restli.Error{Status: status, Message: ErrorMessage(err), ServiceErrorCode: status}
}

// configurationWire is a configuration entity: configurationValue is a
// Rest.li union of which RSC uses the string member (rsc-api.md §3.4).
type configurationWire struct {
	ConfigurationValue struct {
		String *string `json:"string"`
	} `json:"configurationValue"`
}

// configTarget reads the integration key from the path and the simple
// configuration ids from the query (rsc-api.md §3.4).
func configTarget(r *http.Request) (IntegrationKey, []ConfigKey, error) {
	k, err := restli.PathKey(r, "atsIntegrations")
	if err != nil {
		return IntegrationKey{}, nil, err
	}
	ik, err := integrationKey(k)
	if err != nil {
		return IntegrationKey{}, nil, err
	}
	ids, err := restli.SimpleIDs(restli.Query(r))
	if err != nil {
		return IntegrationKey{}, nil, err
	}
	if err := CountRecords(r, len(ids)); err != nil {
		return IntegrationKey{}, nil, err
	}
	names := make([]ConfigKey, len(ids))
	for i, id := range ids {
		names[i] = ConfigKey(id)
	}
	return ik, names, nil
}

// handleConfigurationsGet serves GET …/configurations?ids=CALLBACK_URL.
func (s *Server) handleConfigurationsGet(w http.ResponseWriter, r *http.Request, app *App) error {
	ik, names, err := configTarget(r)
	if err != nil {
		return err
	}
	got, err := s.svc.GetConfigurations(r.Context(), app, ik, names)
	if err != nil {
		return err
	}
	var resp restli.BatchGetResponse
	for _, n := range names {
		res := got[n]
		if res.Err != nil {
			e := entityError(res.Err)
			resp.Fail(string(n), e.Status, e.Message)
			continue
		}
		var c configurationWire
		c.ConfigurationValue.String = &res.Value
		resp.Found(string(n), c)
	}
	restli.WriteJSON(w, http.StatusOK, resp)
	return nil
}

// handleConfigurationsPut serves PUT …/configurations?ids=… with
// X-RestLi-Method batch_update (rsc-api.md §3.4): each value is checked
// on its own and answered with its status.
func (s *Server) handleConfigurationsPut(w http.ResponseWriter, r *http.Request, app *App) error {
	if m, err := restli.ResolveMethod(r, true); err != nil {
		return err
	} else if m != restli.MethodBatchUpdate {
		return Errorf(EINVALID, "X-RestLi-Method %q is not supported here; use batch_update.", m)
	}
	ik, names, err := configTarget(r)
	if err != nil {
		return err
	}
	ids := make([]string, len(names))
	for i, n := range names {
		ids[i] = string(n)
	}
	entities, err := restli.DecodeSimpleEntities(r.Body, ids)
	if err != nil {
		return err
	}
	var resp restli.BatchWriteResponse
	values := map[ConfigKey]string{}
	for _, n := range names {
		v, err := configValue(entities[string(n)])
		if err != nil {
			resp.FailErr(string(n), entityError(err))
			continue
		}
		values[n] = v
	}
	failed, err := s.svc.SetConfigurations(r.Context(), app, ik, values)
	if err != nil {
		return err
	}
	for n := range values {
		if failed[n] != nil {
			resp.FailErr(string(n), entityError(failed[n]))
		} else {
			resp.OK(string(n), http.StatusNoContent)
		}
	}
	restli.WriteJSON(w, http.StatusOK, resp)
	return nil
}

// configValue reads {"configurationValue":{"string":…}}.
func configValue(raw json.RawMessage) (string, error) {
	var c configurationWire
	if err := unmarshalStrict(raw, &c, []string{"configurationValue"}); err != nil {
		return "", err
	}
	if c.ConfigurationValue.String == nil {
		return "", Errorf(EUNPROCESSABLE, "ERROR :: /configurationValue/string :: field is required but not found and has no default value\n")
	}
	return *c.ConfigurationValue.String, nil
}

// handleConfigurationsDelete serves DELETE …/configurations?ids=… (batch
// delete, rsc-api.md §3.4).
func (s *Server) handleConfigurationsDelete(w http.ResponseWriter, r *http.Request, app *App) error {
	ik, names, err := configTarget(r)
	if err != nil {
		return err
	}
	failed, err := s.svc.DeleteConfigurations(r.Context(), app, ik, names)
	if err != nil {
		return err
	}
	var resp restli.BatchWriteResponse
	for _, n := range names {
		if failed[n] != nil {
			resp.FailErr(string(n), entityError(failed[n]))
		} else {
			resp.OK(string(n), http.StatusNoContent)
		}
	}
	restli.WriteJSON(w, http.StatusOK, resp)
	return nil
}
