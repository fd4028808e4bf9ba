package rsc

import (
	"context"
	"maps"
	"net/http"
	"slices"
)

// Integration types the ATS requests (rsc-api.md §3.3): three in the
// organization context (company-level access) and CSA_API in the contract
// context (contract-level access).
const (
	OneClickExport = "ONE_CLICK_EXPORT"
	InATSIndicator = "IN_ATS_INDICATOR"
	ProfilePlugin  = "PROFILE_PLUGIN"
	CSAAPI         = "CSA_API"
)

// Configuration keys and the one viewers value (rsc-api.md §3.4).
const (
	ConfigCallbackURL       = "CALLBACK_URL"        // on ONE_CLICK_EXPORT
	ConfigJobPostingViewers = "JOB_POSTING_VIEWERS" // on ONE_CLICK_EXPORT
	ConfigAppViewers        = "APPLICATION_VIEWERS" // on IN_ATS_INDICATOR
	AllProductUsers         = "ALL_PRODUCT_USERS"
)

// IntegrationKey identifies one atsIntegrations entity; tenantType and
// dataProvider are fixed (rsc-api.md §3.3).
type IntegrationKey struct {
	Context string // organization or contract URN
	Type    string // OneClickExport, …
}

// key is the Rest.li key, fields in the order of LinkedIn's examples.
func (k IntegrationKey) key() Key {
	return Key{{"integrationContext", k.Context}, {"integrationType", k.Type},
		{"tenantType", "RECRUITER"}, {"dataProvider", dataProviderATS}}
}

// Integration is an atsIntegrations entity. OnboardingStatus names where
// the customer is (requested, partner ready, enabled, disabled; the enum
// names are [INF] in rsc-api.md §3.3).
type Integration struct {
	IntegrationContext string `json:"integrationContext"`
	IntegrationType    string `json:"integrationType"`
	TenantType         string `json:"tenantType"`
	IntegrationName    string `json:"integrationName"`
	OnboardingStatus   string `json:"onboardingStatus"`
}

const integrationsPath = "/v2/atsIntegrations"

// NameIntegrations sets integrationName on each key in one
// batch_partial_update; naming is what makes an integration "Partner ready"
// (rsc-api.md §3.3, §6.1 step 3). names[i] belongs to keys[i].
func (cl *Client) NameIntegrations(ctx context.Context, keys []IntegrationKey, names []string) ([]Result, error) {
	ks := integrationKeys(keys)
	patches := make([]map[string]any, len(names))
	for i, n := range names {
		patches[i] = patchSet(map[string]string{"integrationName": n})
	}
	return cl.batchWrite(ctx, http.MethodPost, integrationsPath, "batch_partial_update", ks, entities(ks, patches))
}

// GetIntegrations batch-gets the integrations, e.g. to confirm enablement
// (rsc-api.md §3.3).
func (cl *Client) GetIntegrations(ctx context.Context, keys []IntegrationKey) ([]Got[Integration], error) {
	ks := integrationKeys(keys)
	var resp batchGetResponse
	err := cl.do(ctx, call{method: http.MethodGet, path: integrationsPath + query{}.batchIDs(ks).String(),
		records: len(ks)}, &resp)
	if err != nil {
		return nil, err
	}
	return gots[Integration](resp, ks)
}

// IntegrationsByRequest runs the q=request finder for the request id of an
// INTEGRATION_STATUS_CHANGE push: the push is only a pointer, and only data
// fetched back from the API is trusted (rsc-api.md §3.3, §4).
func (cl *Client) IntegrationsByRequest(ctx context.Context, requestID string) ([]Integration, error) {
	q := query{}.add("q", "request").add("requestId", requestID)
	var p page[Integration]
	if err := cl.do(ctx, call{method: http.MethodGet, path: integrationsPath + q.String(), records: 1}, &p); err != nil {
		return nil, err
	}
	return p.Elements, nil
}

// SetConfigurations upserts string configurations (name → value) on one
// integration with batch_update (rsc-api.md §3.4): CALLBACK_URL and
// JOB_POSTING_VIEWERS on ONE_CLICK_EXPORT, APPLICATION_VIEWERS on
// IN_ATS_INDICATOR.
func (cl *Client) SetConfigurations(ctx context.Context, on IntegrationKey, values map[string]string) ([]Result, error) {
	var ks []Key
	var vals []map[string]any
	for _, name := range slices.Sorted(maps.Keys(values)) {
		ks = append(ks, simpleKey(name))
		vals = append(vals, map[string]any{"configurationValue": map[string]string{"string": values[name]}})
	}
	return cl.batchWrite(ctx, http.MethodPut, configurationsPath(on), "batch_update", ks, entities(ks, vals))
}

// DeleteConfigurations removes configurations from one integration, e.g.
// the viewers defaults once ACLs are used (rsc-api.md §3.4).
func (cl *Client) DeleteConfigurations(ctx context.Context, on IntegrationKey, names []string) ([]Result, error) {
	return cl.deleteSub(ctx, configurationsPath(on), names)
}

// configurationsPath puts the integration's compound key in the path
// (rsc-api.md §2.3, §3.4).
func configurationsPath(k IntegrationKey) string {
	return integrationsPath + "/" + k.key().String() + "/configurations"
}

func integrationKeys(keys []IntegrationKey) []Key {
	ks := make([]Key, len(keys))
	for i, k := range keys {
		ks[i] = k.key()
	}
	return ks
}
