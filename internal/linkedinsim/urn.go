package linkedinsim

import (
	"strconv"
	"strings"
)

// URN prefixes of the identifiers in rsc-api.md §1.3. Numeric ids keep the
// world reproducible from its seed and make URNs easy to read in tests.
const (
	organizationURNPrefix = "urn:li:organization:"
	contractURNPrefix     = "urn:li:contract:"
	seatURNPrefix         = "urn:li:seat:"
	personURNPrefix       = "urn:li:person:"
	appURNPrefix          = "urn:li:developerApplication:"
)

// OrganizationURN returns urn:li:organization:{id}.
func OrganizationURN(id int64) string { return organizationURNPrefix + strconv.FormatInt(id, 10) }

// ContractURN returns urn:li:contract:{id}.
func ContractURN(id int64) string { return contractURNPrefix + strconv.FormatInt(id, 10) }

// SeatURN returns urn:li:seat:{id}.
func SeatURN(id int64) string { return seatURNPrefix + strconv.FormatInt(id, 10) }

// AppURN returns urn:li:developerApplication:{id}, the key of a
// provisioned application.
func AppURN(id int64) string { return appURNPrefix + strconv.FormatInt(id, 10) }

// ParseAppURN returns the id in urn:li:developerApplication:{id}, or an
// EINVALID error naming what was given.
func ParseAppURN(s string) (int64, error) {
	return parseNumericURN(s, appURNPrefix)
}

// parseNumericURN parses prefix followed by a positive decimal id.
func parseNumericURN(s, prefix string) (int64, error) {
	rest, ok := strings.CutPrefix(s, prefix)
	id, err := strconv.ParseInt(rest, 10, 64)
	if !ok || err != nil || id <= 0 {
		return 0, Errorf(EINVALID, "%q is not a valid %sN key.", s, prefix)
	}
	return id, nil
}
