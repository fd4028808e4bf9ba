package linkedinsim

import (
	"context"
	"net/http"
	"strconv"
)

// atsInstanceWire is a child app in GET /sim/v1/ats-instances.
type atsInstanceWire struct {
	App             string            `json:"app"`
	ClientID        string            `json:"clientId"`
	Name            string            `json:"name"`
	UniqueForeignID string            `json:"uniqueForeignId"`
	CallbackURL     string            `json:"callbackUrl,omitempty"`
	Integrations    []integrationWire `json:"integrations"`
}

// handleATSInstanceIndex serves GET /sim/v1/ats-instances: every child app
// with its integrations and their states.
func (s *Server) handleATSInstanceIndex(w http.ResponseWriter, r *http.Request) error {
	list, err := s.svc.ListATSInstances(r.Context())
	if err != nil {
		return err
	}
	out := make([]atsInstanceWire, 0, len(list))
	for _, in := range list {
		out = append(out, instanceToWire(in))
	}
	writeJSON(w, http.StatusOK, map[string]any{"elements": out})
	return nil
}

func instanceToWire(in ATSInstance) atsInstanceWire {
	ins := make([]integrationWire, 0, len(in.Integrations))
	for _, i := range in.Integrations {
		ins = append(ins, integrationToWire(i))
	}
	return atsInstanceWire{App: in.App.URN(), ClientID: in.App.ClientID, Name: in.App.Name,
		UniqueForeignID: in.App.UniqueForeignID, CallbackURL: in.CallbackURL, Integrations: ins}
}

// enableBody and disableBody are the control API's request bodies.
type enableBody struct {
	Level    Level  `json:"level"`
	Contract string `json:"contract"`
	Actor    string `json:"actor"`
}

type disableBody struct {
	Contract string `json:"contract"`
	Actor    string `json:"actor"`
}

// handleATSInstanceEnable serves POST /sim/v1/ats-instances/{app}/enable
// {"level","contract","actor"}: a Recruiter admin switching access on.
func (s *Server) handleATSInstanceEnable(w http.ResponseWriter, r *http.Request) error {
	appID, err := s.controlAppID(r.Context(), r.PathValue("app"))
	if err != nil {
		return err
	}
	var in enableBody
	if err := decodeStrict(r, &in, []string{"level", "contract", "actor"}); err != nil {
		return err
	}
	ins, err := s.svc.EnableIntegrations(r.Context(), appID, EnableInput(in))
	if err != nil {
		return err
	}
	return writeIntegrations(w, ins)
}

// handleATSInstanceDisable serves POST /sim/v1/ats-instances/{app}/disable
// {"actor"[, "contract"]}.
func (s *Server) handleATSInstanceDisable(w http.ResponseWriter, r *http.Request) error {
	appID, err := s.controlAppID(r.Context(), r.PathValue("app"))
	if err != nil {
		return err
	}
	var in disableBody
	if err := decodeStrict(r, &in, []string{"contract", "actor"}); err != nil {
		return err
	}
	ins, err := s.svc.DisableIntegrations(r.Context(), appID, DisableInput(in))
	if err != nil {
		return err
	}
	return writeIntegrations(w, ins)
}

func writeIntegrations(w http.ResponseWriter, ins []Integration) error {
	out := make([]integrationWire, 0, len(ins))
	for _, in := range ins {
		out = append(out, integrationToWire(in))
	}
	writeJSON(w, http.StatusOK, map[string]any{"elements": out})
	return nil
}

// controlAppID accepts an app as its urn:li:developerApplication URN, its
// numeric id or its client id, whichever the caller has at hand.
func (s *Server) controlAppID(ctx context.Context, ref string) (int64, error) {
	if id, err := ParseAppURN(ref); err == nil {
		return id, nil
	}
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil && id > 0 {
		return id, nil
	}
	app, err := s.svc.store.FindAppByClientID(ctx, ref)
	if ErrorCode(err) == ENOTFOUND {
		return 0, Errorf(ENOTFOUND, "app %q: no application with that URN, id or client id.", ref)
	} else if err != nil {
		return 0, err
	}
	return app.ID, nil
}
