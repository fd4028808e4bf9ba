package linkedinsim

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"attractor/internal/linkedinsim/restli"
)

// provisionedApp is a child app on the wire (rsc-api.md §3.2). key holds
// the urn:li:developerApplication URN (the Postman collection reads
// jsonData.key); credentials use the names rsc-api.md infers [INF].
type provisionedApp struct {
	Key                string          `json:"key"`
	UniqueForeignID    string          `json:"uniqueForeignId"`
	Name               string          `json:"name"`
	Description        string          `json:"description"`
	ValidJSSDKDomains  []string        `json:"validJsSdkDomains"`
	OAuth2CallbackURLs []string        `json:"oauth2AuthorizedCallbackUrls"`
	Credentials        wireCredentials `json:"credentials"`
}

type wireCredentials struct {
	ClientID     string `json:"client_id"`
	ClientSecret string `json:"client_secret"`
}

func toWire(app *App, c Credentials) provisionedApp {
	return provisionedApp{Key: app.URN(), UniqueForeignID: app.UniqueForeignID, Name: app.Name,
		Description: app.Description, ValidJSSDKDomains: nonNil(app.ValidJSSDKDomains),
		OAuth2CallbackURLs: nonNil(app.OAuth2CallbackURLs),
		Credentials:        wireCredentials{ClientID: c.ClientID, ClientSecret: c.ClientSecret}}
}

// provisionFields are the fields a create body may carry; Rest.li rejects
// unrecognised fields, so a misspelt one is reported rather than ignored.
var provisionFields = []string{"uniqueForeignId", "name", "description", "validJsSdkDomains",
	"oauth2AuthorizedCallbackUrls"}

// handleProvisionedAppCreate implements POST /v2/provisionedApplications.
// Rest.li answers a create that returns its entity with 201 Created, the
// key in X-RestLi-Id and the entity in the body [INF: Rest.li standard].
func (s *Server) handleProvisionedAppCreate(w http.ResponseWriter, r *http.Request, parent *App) error {
	if err := requireParent(parent); err != nil {
		return err
	}
	var in struct {
		UniqueForeignID    string   `json:"uniqueForeignId"`
		Name               string   `json:"name"`
		Description        string   `json:"description"`
		ValidJSSDKDomains  []string `json:"validJsSdkDomains"`
		OAuth2CallbackURLs []string `json:"oauth2AuthorizedCallbackUrls"`
	}
	if err := decodeStrict(r, &in, provisionFields); err != nil {
		return err
	}
	app, creds, err := s.svc.ProvisionApp(r.Context(), parent, ProvisionInput(in))
	if err != nil {
		return err
	}
	w.Header().Set("X-RestLi-Id", app.URN())
	w.Header().Set("Location", "/v2/provisionedApplications/"+url.PathEscape(app.URN()))
	writeJSON(w, http.StatusCreated, toWire(app, creds))
	return nil
}

// handleProvisionedAppFind implements the credentialsByUniqueForeignId
// finder. A foreign id with no app is an empty collection, not a 404, as
// Rest.li finders answer [INF].
func (s *Server) handleProvisionedAppFind(w http.ResponseWriter, r *http.Request, parent *App) error {
	if err := requireParent(parent); err != nil {
		return err
	}
	q := restli.Query(r)
	if finder := q.Get("q"); finder != "credentialsByUniqueForeignId" {
		return Errorf(EINVALID, "Unsupported finder q=%q; use q=credentialsByUniqueForeignId.", finder)
	}
	foreignID := q.Get("uniqueForeignId")
	if foreignID == "" {
		return Errorf(EINVALID, "Parameter 'uniqueForeignId' is required.")
	}
	start, count, err := restli.ParsePaging(q, restli.DefaultPageSize, restli.MaxBatchSize)
	if err != nil {
		return err
	}
	elements := []provisionedApp{}
	app, creds, err := s.svc.FindProvisionedApp(r.Context(), parent, foreignID)
	switch {
	case err == nil:
		elements = append(elements, toWire(app, creds))
	case ErrorCode(err) != ENOTFOUND:
		return err
	}
	restli.WriteJSON(w, http.StatusOK, restli.Page(elements, start, count))
	return nil
}

// handleProvisionedAppUpdate implements the Rest.li partial update
// POST /v2/provisionedApplications/{key} with {"patch":{"$set":{…}}}. A POST
// on an entity path can only be a partial update, so a missing
// X-RestLi-Method is accepted; any other method named there is 400. Success
// is 204 No Content, as Rest.li partial updates answer [INF].
func (s *Server) handleProvisionedAppUpdate(w http.ResponseWriter, r *http.Request, parent *App) error {
	if err := requireParent(parent); err != nil {
		return err
	}
	if m := r.Header.Get("X-RestLi-Method"); m != "" && !strings.EqualFold(m, "partial_update") {
		return Errorf(EINVALID, "X-RestLi-Method %q is not supported on this resource; use partial_update.", m)
	}
	id, err := ParseAppURN(r.PathValue("key"))
	if err != nil {
		return err
	}
	upd, err := decodeAppPatch(r)
	if err != nil {
		return err
	}
	if _, err := s.svc.UpdateProvisionedApp(r.Context(), parent, id, upd); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// decodeAppPatch reads {"patch":{"$set":{…}}}; only $set is supported.
func decodeAppPatch(r *http.Request) (AppUpdate, error) {
	var body struct {
		Patch map[string]json.RawMessage `json:"patch"`
	}
	if err := decodePatchBody(r, &body); err != nil {
		return AppUpdate{}, err
	}
	for op := range body.Patch {
		if op != "$set" {
			return AppUpdate{}, Errorf(EINVALID, "Patch operation %q is not supported; use $set.", op)
		}
	}
	set, ok := body.Patch["$set"]
	if !ok {
		return AppUpdate{}, Errorf(EINVALID, "Body must be {\"patch\":{\"$set\":{…}}}.")
	}
	var fields struct {
		Name               *string   `json:"name"`
		Description        *string   `json:"description"`
		ValidJSSDKDomains  *[]string `json:"validJsSdkDomains"`
		OAuth2CallbackURLs *[]string `json:"oauth2AuthorizedCallbackUrls"`
	}
	if err := unmarshalStrict(set, &fields, provisionFields[1:]); err != nil {
		return AppUpdate{}, err
	}
	return AppUpdate{Name: fields.Name, Description: fields.Description,
		ValidJSSDKDomains: fields.ValidJSSDKDomains, OAuth2CallbackURLs: fields.OAuth2CallbackURLs}, nil
}

// decodeStrict requires a JSON body (else 415), decodes it into v and
// rejects fields outside allowed with 422, as Rest.li validation does.
func decodeStrict(r *http.Request, v any, allowed []string) error {
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		return Errorf(EUNSUPPORTED, "Content-Type must be application/json.")
	}
	raw, err := io.ReadAll(r.Body)
	if err != nil {
		return bodyError(err)
	}
	return unmarshalStrict(raw, v, allowed)
}

// decodePatchBody reads a provisioning partial update. Unlike create, for
// which rsc-api.md §2.2 requires application/json, it also takes a body
// without a Content-Type or as text/plain: LinkedIn's own Postman
// collection sends these updates (§8 requests 3 and 4) that way, and Rest.li
// treats such bodies as JSON.
func decodePatchBody(r *http.Request, v any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		if mt, _, err := mime.ParseMediaType(ct); err != nil || (mt != "application/json" && mt != "text/plain") {
			return Errorf(EUNSUPPORTED, "Content-Type must be application/json.")
		}
	}
	raw, err := io.ReadAll(r.Body)
	if err != nil {
		return bodyError(err)
	}
	return unmarshalStrict(raw, v, []string{"patch"})
}

// unmarshalStrict decodes one JSON object into v after checking its keys.
func unmarshalStrict(raw []byte, v any, allowed []string) error {
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(raw, &keys); err != nil {
		return bodyError(err)
	}
	for k := range keys {
		if !slices.Contains(allowed, k) {
			return Errorf(EUNPROCESSABLE, "ERROR :: /%s :: unrecognized field found but not allowed", k)
		}
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if err := dec.Decode(v); err != nil {
		return bodyError(err)
	}
	return nil
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
