package rsc

import "strings"

// URN prefixes of the identifiers the ATS stores (rsc-api.md §1.3).
const (
	orgURNPrefix      = "urn:li:organization:"
	contractURNPrefix = "urn:li:contract:"
	personURNPrefix   = "urn:li:person:"
	seatURNPrefix     = "urn:li:seat:"
)

// OrganizationURN returns urn:li:organization:{id}.
func OrganizationURN(id string) string { return orgURNPrefix + id }

// ContractURN returns urn:li:contract:{id}.
func ContractURN(id string) string { return contractURNPrefix + id }

// PersonURN returns urn:li:person:{id}.
func PersonURN(id string) string { return personURNPrefix + id }

// SeatURN returns urn:li:seat:{id}.
func SeatURN(id string) string { return seatURNPrefix + id }

// URNID returns the id after the URN's last ":" and whether urn has the
// given prefix (e.g. "urn:li:person:"), so callers can validate URNs
// handed to them by widgets before storing them.
func URNID(urn, prefix string) (string, bool) {
	id, ok := strings.CutPrefix(urn, prefix)
	return id, ok && id != "" && !strings.Contains(id, ":")
}

// IsOrganizationURN and IsContractURN validate integration contexts
// (rsc-api.md §3.3).
func IsOrganizationURN(s string) bool { _, ok := URNID(s, orgURNPrefix); return ok }

// IsContractURN reports whether s is urn:li:contract:{id}.
func IsContractURN(s string) bool { _, ok := URNID(s, contractURNPrefix); return ok }

// IsPersonURN reports whether s is urn:li:person:{id}.
func IsPersonURN(s string) bool { _, ok := URNID(s, personURNPrefix); return ok }

// dataProviderATS is the dataProvider of every v2 key (rsc-api.md §1.3).
const dataProviderATS = "ATS"
