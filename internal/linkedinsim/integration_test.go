package linkedinsim_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"attractor/internal/linkedinsim"
	"attractor/internal/linkedinsim/simstore"
)

// In the default world organization 1001 has contracts 5001 and 5002; seat
// 90001 is the admin seat of 5001, 90002 an ordinary seat of it.
const (
	org1       = "urn:li:organization:1001"
	org2       = "urn:li:organization:1002"
	contract1  = "urn:li:contract:5001"
	contract2  = "urn:li:contract:5002"
	adminSeat  = "urn:li:seat:90001"
	plainSeat  = "urn:li:seat:90002"
	intPath    = "/v2/atsIntegrations"
	controlTok = linkedinsim.DefaultControlToken
)

// intEnv is a simulator with a running push worker and a callback server.
type intEnv struct {
	*simEnv
	svc      *linkedinsim.Service
	store    *simstore.Store
	callback *callbackServer
	attempts chan linkedinsim.PushAttempt // every recorded delivery attempt
}

// callbackServer is the partner's CALLBACK_URL: it answers 500 to the
// first failFirst requests, then 200, and hands every request to got.
type callbackServer struct {
	*httptest.Server
	failFirst int32
	seen      atomic.Int32
	got       chan received
}

type received struct {
	body      []byte
	signature string
	status    int
}

func newCallbackServer(t *testing.T, failFirst int32) *callbackServer {
	cb := &callbackServer{failFirst: failFirst, got: make(chan received, 32)}
	cb.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		status := http.StatusOK
		if cb.seen.Add(1) <= cb.failFirst {
			status = http.StatusInternalServerError
		}
		w.WriteHeader(status)
		cb.got <- received{body: body, signature: r.Header.Get(linkedinsim.SignatureHeader), status: status}
	}))
	t.Cleanup(cb.Close)
	return cb
}

// next waits for the next callback request, failing after a timeout.
func (cb *callbackServer) next(t *testing.T) received {
	t.Helper()
	select {
	case r := <-cb.got:
		return r
	case <-time.After(5 * time.Second):
		t.Fatal("no push notification arrived within 5s")
		return received{}
	}
}

func setupIntegration(t *testing.T, failFirst int32) *intEnv {
	t.Helper()
	t.Parallel()
	store := newWorldStore(t)
	ctx := context.Background()
	svc := linkedinsim.NewService(store, nil)
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	srv := httptest.NewServer(linkedinsim.NewServer(svc, logger).Handler())
	t.Cleanup(srv.Close)
	attempts := make(chan linkedinsim.PushAttempt, 32)
	worker := linkedinsim.NewPushWorker(svc, linkedinsim.PushWorkerConfig{
		Backoff: func(int) time.Duration { return time.Millisecond }, Poll: 50 * time.Millisecond,
		OnAttempt: func(a linkedinsim.PushAttempt) { attempts <- a }})
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { worker.Run(runCtx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	return &intEnv{simEnv: &simEnv{srv: srv}, svc: svc, store: store, callback: newCallbackServer(t, failFirst),
		attempts: attempts}
}

// customer provisions a child app and requests contract-level access for
// organization 1001 / contract 5001 as its admin; it returns the app, its
// token and the request id.
func (e *intEnv) customer(t *testing.T, foreignID string) (provisioned, string, string) {
	t.Helper()
	parent := e.token(t, linkedinsim.DefaultPartnerClientID, linkedinsim.DefaultPartnerClientSecret)
	app := e.provision(t, parent, foreignID)
	child := e.token(t, app.Credentials.ClientID, app.Credentials.ClientSecret)
	seat, _, err := e.store.FindSeatContract(context.Background(), 90001)
	if err != nil {
		t.Fatal(err)
	}
	m, err := e.store.FindMemberByID(context.Background(), seat.MemberID)
	if err != nil {
		t.Fatal(err)
	}
	reqID, err := e.svc.RequestIntegration(context.Background(), app.Credentials.ClientID, m.PersonURN, org1,
		contract1, linkedinsim.LevelContract)
	if err != nil {
		t.Fatalf("RequestIntegration: %v", err)
	}
	return app, child, reqID
}

// intKey is an atsIntegrations compound key.
func intKey(context, typ string) string {
	return "integrationContext=" + context + "&integrationType=" + typ + "&tenantType=RECRUITER&dataProvider=ATS"
}

// idsQuery builds ids[N].… parameters for keys given as context|type.
func idsQuery(pairs ...string) string {
	var b strings.Builder
	for i, p := range pairs {
		c, typ, _ := strings.Cut(p, "|")
		fmt.Fprintf(&b, "&ids[%d].integrationContext=%s&ids[%d].integrationType=%s&ids[%d].tenantType=RECRUITER&ids[%d].dataProvider=ATS",
			i, c, i, typ, i, i)
	}
	return "?" + b.String()[1:]
}

var allFour = []string{org1 + "|ONE_CLICK_EXPORT", org1 + "|IN_ATS_INDICATOR", org1 + "|PROFILE_PLUGIN", contract1 + "|CSA_API"}

// nameAll names the four integrations, as Postman rows 6–9 do.
func (e *intEnv) nameAll(t *testing.T, child string) {
	t.Helper()
	var ents []string
	for _, p := range allFour {
		c, typ, _ := strings.Cut(p, "|")
		ents = append(ents, fmt.Sprintf(`%q:{"patch":{"$set":{"integrationName":"Acme %s"}}}`, intKey(c, typ), typ))
	}
	var got struct {
		Results map[string]struct{ Status int }
		Errors  map[string]any
	}
	resp := e.call(t, "POST", intPath+idsQuery(allFour...), child, "application/json",
		`{"entities":{`+strings.Join(ents, ",")+`}}`, map[string]string{"x-restli-method": "batch_partial_update"}, &got)
	if resp.StatusCode != 200 || len(got.Results) != 4 || len(got.Errors) != 0 {
		t.Fatalf("name = %d %+v", resp.StatusCode, got)
	}
}

// setCallback writes CALLBACK_URL, as Postman row 11 does.
func (e *intEnv) setCallback(t *testing.T, child, callback string) {
	t.Helper()
	path := intPath + "/" + intKey(org1, "ONE_CLICK_EXPORT") + "/configurations?ids=CALLBACK_URL"
	var got struct {
		Results map[string]struct{ Status int }
	}
	resp := e.call(t, "PUT", path, child, "application/json",
		`{"entities":{"CALLBACK_URL":{"configurationValue":{"string":"`+callback+`"}}}}`,
		map[string]string{"X-RestLi-Method": "BATCH_UPDATE"}, &got)
	if resp.StatusCode != 200 || got.Results["CALLBACK_URL"].Status != 204 {
		t.Fatalf("callback = %d %+v", resp.StatusCode, got)
	}
}

type integrationEntity struct {
	IntegrationContext string `json:"integrationContext"`
	IntegrationType    string `json:"integrationType"`
	TenantType         string `json:"tenantType"`
	IntegrationName    string `json:"integrationName"`
	OnboardingStatus   string `json:"onboardingStatus"`
}

// byRequest calls the q=request finder and returns the statuses by type.
func (e *intEnv) byRequest(t *testing.T, child, requestID string) map[string]string {
	t.Helper()
	var got struct{ Elements []integrationEntity }
	resp := e.call(t, "GET", intPath+"?q=request&requestId="+url.QueryEscape(requestID), child, "", "", nil, &got)
	if resp.StatusCode != 200 {
		t.Fatalf("finder = %d", resp.StatusCode)
	}
	out := map[string]string{}
	for _, el := range got.Elements {
		out[el.IntegrationType] = el.OnboardingStatus
	}
	return out
}

// pushed waits for a notification, checks its signature and shape, and
// returns its id (the requestId).
func (e *intEnv) pushed(t *testing.T, secret, wantType string) string {
	t.Helper()
	r := e.callback.next(t)
	if r.signature != linkedinsim.SignPush(r.body, secret) {
		t.Fatalf("signature %q does not verify with the child secret", r.signature)
	}
	var body struct {
		ID        string `json:"id"`
		Type      string `json:"type"`
		ExpiresAt int64  `json:"expiresAt"`
	}
	if err := json.Unmarshal(r.body, &body); err != nil || body.Type != wantType || body.ID == "" ||
		body.ExpiresAt <= time.Now().UnixMilli() {
		t.Fatalf("push body %s (%v), want type %s", r.body, err, wantType)
	}
	return body.ID
}

// recorded waits for the next recorded delivery attempt.
func (e *intEnv) recorded(t *testing.T) linkedinsim.PushAttempt {
	t.Helper()
	select {
	case a := <-e.attempts:
		return a
	case <-time.After(5 * time.Second):
		t.Fatal("no delivery attempt was recorded within 5s")
		return linkedinsim.PushAttempt{}
	}
}

func (e *intEnv) app(t *testing.T, clientID string) *linkedinsim.App {
	t.Helper()
	app, err := e.store.FindAppByClientID(context.Background(), clientID)
	if err != nil {
		t.Fatal(err)
	}
	return app
}

func wantForbidden(t *testing.T, err error, substr string) {
	t.Helper()
	if linkedinsim.ErrorCode(err) != linkedinsim.EFORBIDDEN || !strings.Contains(linkedinsim.ErrorMessage(err), substr) {
		t.Errorf("err = %v, want forbidden mentioning %q", err, substr)
	}
}
