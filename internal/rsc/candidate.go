package rsc

import (
	"context"
	"net/http"
)

// Candidate is an atsCandidates entity (rsc-api.md §3.6). ID is the ATS id
// (atsCandidateId), sent in the key rather than the body. PUT replaces the
// whole record, so always send the full state; Addresses, PhoneNumbers and
// EmailAddresses are sent as [] when empty because LinkedIn requires them.
// Times are epoch milliseconds.
type Candidate struct {
	ID                 string        `json:"-"`
	ATSCreatedAt       int64         `json:"atsCreatedAt"`
	ATSLastModifiedAt  int64         `json:"atsLastModifiedAt"`
	FirstName          string        `json:"firstName"`
	LastName           string        `json:"lastName"`
	MiddleInitial      string        `json:"middleInitial,omitempty"`
	Prefix             string        `json:"prefix,omitempty"`
	Suffix             string        `json:"suffix,omitempty"`
	EmailAddresses     []string      `json:"emailAddresses"`
	PhoneNumbers       []PhoneNumber `json:"phoneNumbers"`
	Addresses          []Address     `json:"addresses"`
	ExternalProfileURL string        `json:"externalProfileUrl"`
	LinkedInProfileURL string        `json:"linkedInProfileUrl,omitempty"`
	CurrentCompanyName string        `json:"currentCompanyName,omitempty"`
	CurrentJobTitle    string        `json:"currentJobTitle,omitempty"`
	DoNotContact       bool          `json:"doNotContact"`
}

// PhoneNumber is a candidate phone (rsc-api.md §3.6).
type PhoneNumber struct {
	Number    string `json:"number"`
	Extension string `json:"extension,omitempty"`
}

// Address is a candidate address; Country is ISO 3166 lower case, e.g.
// "us" (rsc-api.md §3.6).
type Address struct {
	Line1              string `json:"line1,omitempty"`
	City               string `json:"city,omitempty"`
	GeographicArea     string `json:"geographicArea,omitempty"`
	GeographicAreaType string `json:"geographicAreaType,omitempty"`
	PostalCode         string `json:"postalCode,omitempty"`
	Country            string `json:"country,omitempty"`
}

// Matches is what LinkedIn linked a candidate to: the algorithmic
// matchedMembers and the user-set manualMatchedMember, person URNs
// (rsc-api.md §3.6).
type Matches struct {
	MatchedMembers      []string `json:"matchedMembers"`
	ManualMatchedMember string   `json:"manualMatchedMember"`
}

// ManualMatch links a candidate to a member (rsc-api.md §3.6).
type ManualMatch struct {
	CandidateID string
	Person      string // urn:li:person:{id}
}

const candidatesPath = "/v2/atsCandidates"

// CandidateKey is the candidate's Rest.li key in organization org.
func CandidateKey(org, id string) Key {
	return Key{{"atsCandidateId", id}, {"dataProvider", dataProviderATS}, {"integrationContext", org}}
}

// UpdateCandidates upserts up to 100 candidates of organization org with
// batch_update (rsc-api.md §3.6).
func (cl *Client) UpdateCandidates(ctx context.Context, org string, cands []Candidate) ([]Result, error) {
	ks := make([]Key, len(cands))
	vals := make([]Candidate, len(cands))
	for i, c := range cands {
		ks[i], vals[i] = CandidateKey(org, c.ID), c.normalised()
	}
	return cl.batchWrite(ctx, http.MethodPut, candidatesPath, "batch_update", ks, entities(ks, vals))
}

// normalised returns c with nil lists as empty, since LinkedIn requires the
// fields present.
func (c Candidate) normalised() Candidate {
	if c.EmailAddresses == nil {
		c.EmailAddresses = []string{}
	}
	if c.PhoneNumbers == nil {
		c.PhoneNumbers = []PhoneNumber{}
	}
	if c.Addresses == nil {
		c.Addresses = []Address{}
	}
	return c
}

// DeleteCandidates deletes candidates (batch delete, rsc-api.md §3.6,
// §6.6).
func (cl *Client) DeleteCandidates(ctx context.Context, org string, ids []string) ([]Result, error) {
	ks := candidateKeys(org, ids)
	return cl.batchWrite(ctx, http.MethodDelete, candidatesPath, "", ks, nil)
}

// CandidateMatches reads back who LinkedIn matched each candidate to, so
// the ATS can store the person URN (rsc-api.md §3.6, §6.2).
func (cl *Client) CandidateMatches(ctx context.Context, org string, ids []string) ([]Got[Matches], error) {
	ks := candidateKeys(org, ids)
	q := query{}.batchIDs(ks).addRaw("fields", "matchedMembers,manualMatchedMember")
	var resp batchGetResponse
	if err := cl.do(ctx, call{method: http.MethodGet, path: candidatesPath + q.String(), records: len(ks)}, &resp); err != nil {
		return nil, err
	}
	return gots[Matches](resp, ks)
}

// SetManualMatches attaches person URNs to candidates with
// batch_partial_update, after a 1-Click Export or a widget link
// (rsc-api.md §3.6).
func (cl *Client) SetManualMatches(ctx context.Context, org string, ms []ManualMatch) ([]Result, error) {
	ks := make([]Key, len(ms))
	patches := make([]map[string]any, len(ms))
	for i, m := range ms {
		ks[i] = CandidateKey(org, m.CandidateID)
		patches[i] = patchSet(map[string]string{"manualMatchedMember": m.Person})
	}
	return cl.batchWrite(ctx, http.MethodPost, candidatesPath, "batch_partial_update", ks, entities(ks, patches))
}

// batchWrite sends a batch write addressed by ids[…] and returns the
// per-entity results (rsc-api.md §2.4).
func (cl *Client) batchWrite(ctx context.Context, method, path, restliMethod string, ks []Key, body any) ([]Result, error) {
	if len(ks) == 0 {
		return nil, nil
	}
	var resp batchWriteResponse
	err := cl.do(ctx, call{method: method, path: path + query{}.batchIDs(ks).String(), restliMethod: restliMethod,
		body: body, records: len(ks)}, &resp)
	if err != nil {
		return nil, err
	}
	return resp.results(ks), nil
}

func candidateKeys(org string, ids []string) []Key {
	ks := make([]Key, len(ids))
	for i, id := range ids {
		ks[i] = CandidateKey(org, id)
	}
	return ks
}
