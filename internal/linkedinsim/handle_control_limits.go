package linkedinsim

import "net/http"

// limitFields and faultFields are the keys the PUT bodies may carry; a
// misspelt one is a 422 naming it rather than silently ignored.
var (
	limitFields = []string{"enabled", "recordsPerMinute", "callsPerDay", "integrationCallsPerDay",
		"exportsPerSeatPerMonth", "batchSize"}
	faultFields = []string{"seed", "errorRate", "latencyMs", "jitterMs", "tokenExpirySeconds",
		"revokeTokens", "burst429Calls", "burst429RetryAfterSeconds", "dropCallbackRate",
		"duplicateCallbackRate", "failJobTasks"}
)

// handleLimitsShow implements GET /sim/v1/limits.
func (s *Server) handleLimitsShow(w http.ResponseWriter, r *http.Request) error {
	writeJSON(w, http.StatusOK, s.limits.Settings())
	return nil
}

// handleLimitsUpdate implements PUT /sim/v1/limits. PUT replaces the
// settings: an omitted field takes its default (so {"enabled":false}
// switches every limit off and {} restores LinkedIn's). Every meter starts
// afresh. It answers with the new settings.
func (s *Server) handleLimitsUpdate(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Enabled                *bool `json:"enabled"`
		RecordsPerMinute       *int  `json:"recordsPerMinute"`
		CallsPerDay            *int  `json:"callsPerDay"`
		IntegrationCallsPerDay *int  `json:"integrationCallsPerDay"`
		ExportsPerSeatPerMonth *int  `json:"exportsPerSeatPerMonth"`
		BatchSize              *int  `json:"batchSize"`
	}
	if err := decodeStrict(r, &in, limitFields); err != nil {
		return err
	}
	ls := DefaultLimitSettings()
	setIf(&ls.Enabled, in.Enabled)
	setIf(&ls.RecordsPerMinute, in.RecordsPerMinute)
	setIf(&ls.CallsPerDay, in.CallsPerDay)
	setIf(&ls.IntegrationCallsPerDay, in.IntegrationCallsPerDay)
	setIf(&ls.ExportsPerSeatPerMonth, in.ExportsPerSeatPerMonth)
	setIf(&ls.BatchSize, in.BatchSize)
	if err := s.limits.SetSettings(ls); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, s.limits.Settings())
	return nil
}

// setIf sets *dst to *v when v is present.
func setIf[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}

// handleFaultsShow implements GET /sim/v1/faults.
func (s *Server) handleFaultsShow(w http.ResponseWriter, r *http.Request) error {
	writeJSON(w, http.StatusOK, s.faults.State())
	return nil
}

// handleFaultsUpdate implements PUT /sim/v1/faults: the body replaces the
// fault settings (omitted fields are off; {} turns every fault off). It
// answers with the new state.
func (s *Server) handleFaultsUpdate(w http.ResponseWriter, r *http.Request) error {
	var in FaultSettings
	if err := decodeStrict(r, &in, faultFields); err != nil {
		return err
	}
	if err := s.faults.Set(in, s.svc.now()); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, s.faults.State())
	return nil
}
