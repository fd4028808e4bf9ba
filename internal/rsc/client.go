package rsc

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"
)

// Config configures a Client for one LinkedIn application. Zero values take
// the defaults noted on each field.
type Config struct {
	// APIURL is the API host, e.g. https://api.linkedin.com (paths add
	// /v2/…). AuthURL is the OAuth host, e.g. https://www.linkedin.com.
	APIURL, AuthURL string
	// ClientID and ClientSecret are the app's credentials: the partner's
	// parent app for provisioning, a child app for everything else
	// (rsc-api.md §1.1).
	ClientID, ClientSecret string
	// HTTPClient sends requests and token requests; it should carry a
	// timeout and a transport that keeps connections for concurrent calls.
	// Default: NewHTTPClient(60 * time.Second).
	HTTPClient *http.Client
	// RecordsPerMinute and CallsPerDay are this app's budgets (rsc-api.md
	// §2.6). Defaults 10,000 and 100,000; negative means unlimited.
	RecordsPerMinute, CallsPerDay int
	// Logger receives one line per failed call. Default: discard.
	Logger *slog.Logger
	// NowFunc is the clock for token expiry and the daily budget.
	// Default: time.Now.
	NowFunc func() time.Time
}

// Defaults from rsc-api.md §2.6.
const (
	DefaultRecordsPerMinute = 10_000
	DefaultCallsPerDay      = 100_000
)

// Client calls the RSC API as one application. It is safe for concurrent
// use; one Client per app keeps one token and one pacing budget per app.
type Client struct {
	api    string
	hc     *http.Client
	tokens *tokenSource
	pace   *pacer
	log    *slog.Logger
}

// New returns a Client for cfg, filling in defaults.
func New(cfg Config) *Client {
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = NewHTTPClient(60 * time.Second)
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.NowFunc == nil {
		cfg.NowFunc = time.Now
	}
	cfg.APIURL = strings.TrimSuffix(cfg.APIURL, "/")
	cfg.AuthURL = strings.TrimSuffix(cfg.AuthURL, "/")
	return &Client{api: cfg.APIURL, hc: cfg.HTTPClient, tokens: newTokenSource(cfg, cfg.NowFunc),
		pace: newPacer(cfg.RecordsPerMinute, cfg.CallsPerDay, cfg.NowFunc), log: cfg.Logger}
}

// call is one API request. path holds the path and raw query, already
// encoded (restli.go). records is what the call costs against the
// records-per-minute budget.
type call struct {
	method, path, restliMethod string
	body                       any
	records                    int
}

// do sends c, refreshing the token and retrying once on a 401 (rsc-api.md
// §2.1, §2.5), and decodes a 2xx JSON body into out when out is non-nil.
// Batches over 100 records are refused before sending (rsc-api.md §2.4).
// Any failure is an *Error.
func (cl *Client) do(ctx context.Context, c call, out any) error {
	if c.records > maxBatch {
		return &Error{Kind: Permanent, Message: fmt.Sprintf("batch of %d exceeds LinkedIn's %d", c.records, maxBatch)}
	}
	body, err := encodeBody(c.body)
	if err != nil {
		return &Error{Kind: Permanent, Message: "encode request: " + err.Error(), err: err}
	}
	resp, data, tok, err := cl.send(ctx, c, body)
	if err == nil && resp.StatusCode == http.StatusUnauthorized {
		cl.tokens.Reset(tok)
		resp, data, _, err = cl.send(ctx, c, body)
	}
	if err == nil && resp.StatusCode/100 != 2 {
		err = responseError(resp, data)
	}
	if err != nil {
		cl.log.LogAttrs(ctx, slog.LevelWarn, "rsc call failed", slog.String("method", c.method),
			slog.String("path", c.path), slog.Any("error", err))
		return err
	}
	return decodeBody(data, out)
}

// send paces, authorises and sends one attempt; it returns the token used.
func (cl *Client) send(ctx context.Context, c call, body []byte) (*http.Response, []byte, string, error) {
	if err := cl.pace.wait(ctx, c.records); err != nil {
		return nil, nil, "", transportError(err)
	}
	tok, err := cl.tokens.Token(ctx)
	if err != nil {
		return nil, nil, "", err
	}
	req, err := cl.newRequest(ctx, c, body, tok.AccessToken)
	if err != nil {
		return nil, nil, "", &Error{Kind: Permanent, Message: err.Error(), err: err}
	}
	resp, err := cl.hc.Do(req)
	if err != nil {
		return nil, nil, "", transportError(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse))
	if err != nil {
		return nil, nil, "", transportError(err)
	}
	return resp, data, tok.AccessToken, nil
}

// maxResponse bounds a response body; a 100-entity batch is far smaller.
const maxResponse = 32 << 20

// newRequest builds the HTTP request with LinkedIn's headers (rsc-api.md
// §2.2).
func (cl *Client) newRequest(ctx context.Context, c call, body []byte, token string) (*http.Request, error) {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, c.method, cl.api+c.path, rd)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.restliMethod != "" {
		req.Header.Set("X-RestLi-Method", c.restliMethod)
	}
	return req, nil
}

func encodeBody(v any) ([]byte, error) {
	switch b := v.(type) {
	case nil:
		return nil, nil
	case bodyAppender:
		return b.appendJSON(make([]byte, 0, 512))
	}
	return json.Marshal(v)
}

// bodyAppender is a body that encodes itself, skipping json.Marshal's
// reflection and second pass over the output.
type bodyAppender interface {
	appendJSON(dst []byte) ([]byte, error)
}

// decodeBody decodes a 2xx body; an empty body (204) leaves out alone. A
// 2xx body that does not parse is retryable: LinkedIn did answer, but not
// with what the contract promises.
func decodeBody(data []byte, out any) error {
	if out == nil || len(bytes.TrimSpace(data)) == 0 {
		return nil
	}
	if err := json.Unmarshal(data, out); err != nil {
		return &Error{Kind: Retryable, Message: "decode response: " + err.Error(), err: err}
	}
	return nil
}
