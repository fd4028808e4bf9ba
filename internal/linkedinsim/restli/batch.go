package restli

import (
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// MaxBatchSize is LinkedIn's per-call record limit for every RSC batch
// write and batch get (rsc-api.md §2.4 "Batch size").
const MaxBatchSize = 100

// BatchKeys reads protocol-1 batch ids from the query,
// ids[0].atsCandidateId=C1&ids[0].dataProvider=ATS&ids[1]... (rsc-api.md
// §2.3), returning the keys in index order. Parameters that do not start
// with "ids" are ignored, so q may also hold fields=, q= and the like.
//
// It returns a 400 *Error when there are no ids; when indexes are not
// contiguous from 0 or are written with leading zeros; when an index lacks
// a field that ids[0] has, or has one ids[0] lacks; when a parameter is
// repeated, malformed or empty; when two indexes name the same key; or
// when simple "ids=" parameters are mixed in.
func BatchKeys(q url.Values) ([]Key, error) {
	byIndex := map[int]Key{}
	for _, param := range slices.Sorted(maps.Keys(q)) {
		vals := q[param]
		if param == "ids" {
			return nil, badRequest("Cannot mix ids= and ids[N].field= parameters")
		}
		if !strings.HasPrefix(param, "ids[") {
			continue
		}
		idx, field, err := parseIDParam(param)
		if err != nil {
			return nil, err
		}
		if len(vals) != 1 {
			return nil, badRequest("Parameter %s is repeated", param)
		}
		if vals[0] == "" {
			return nil, badRequest("Parameter %s is empty", param)
		}
		if byIndex[idx] == nil {
			byIndex[idx] = Key{}
		}
		byIndex[idx][field] = vals[0]
	}
	if len(byIndex) == 0 {
		return nil, badRequest("Missing ids[N].field batch key parameters")
	}
	keys := make([]Key, len(byIndex))
	for i := range keys {
		k, ok := byIndex[i]
		if !ok {
			return nil, badRequest("Missing ids[%d]: batch indexes must be contiguous from 0", i)
		}
		keys[i] = k
	}
	if err := checkBatchKeys(keys); err != nil {
		return nil, err
	}
	return keys, nil
}

// parseIDParam splits "ids[12].field" into 12 and "field".
func parseIDParam(param string) (int, string, error) {
	rest := strings.TrimPrefix(param, "ids[")
	num, field, ok := strings.Cut(rest, "].")
	if !ok {
		return 0, "", badRequest("Malformed batch parameter %s: want ids[N].field", param)
	}
	idx, err := strconv.Atoi(num)
	if err != nil || idx < 0 || strconv.Itoa(idx) != num {
		return 0, "", badRequest("Malformed batch parameter %s: index %q is not a non-negative integer", param, num)
	}
	if !validField(field) {
		return 0, "", badRequest("Malformed batch parameter %s: invalid field name %q", param, field)
	}
	return idx, field, nil
}

// checkBatchKeys makes every key carry exactly ids[0]'s fields and rejects
// repeated keys, which would make the body/query match ambiguous.
func checkBatchKeys(keys []Key) error {
	want := slices.Sorted(maps.Keys(keys[0]))
	seen := map[string]int{}
	for i, k := range keys {
		for _, f := range want {
			if _, ok := k[f]; !ok {
				return badRequest("ids[%d] is missing field %q present in ids[0]", i, f)
			}
		}
		for _, f := range slices.Sorted(maps.Keys(k)) {
			if _, ok := keys[0][f]; !ok {
				return badRequest("ids[%d] has field %q not present in ids[0]", i, f)
			}
		}
		s := k.String()
		if j, dup := seen[s]; dup {
			return badRequest("ids[%d] repeats the key of ids[%d]", i, j)
		}
		seen[s] = i
	}
	return nil
}

// SimpleIDs reads simple sub-resource ids, ids=N1&ids=N2, as used by notes,
// stages, interview feedback and configurations (rsc-api.md §2.3, §3.4,
// §3.7–§3.11). Order is kept. It returns a 400 *Error when there are none,
// when one is empty or repeated, or when ids[N].field parameters are mixed
// in.
func SimpleIDs(q url.Values) ([]string, error) {
	for _, param := range slices.Sorted(maps.Keys(q)) {
		if strings.HasPrefix(param, "ids[") {
			return nil, badRequest("Cannot mix ids= and ids[N].field= parameters")
		}
	}
	ids := q["ids"]
	if len(ids) == 0 {
		return nil, badRequest("Missing ids parameter")
	}
	seen := map[string]bool{}
	for i, id := range ids {
		if id == "" {
			return nil, badRequest("ids[%d] is empty", i)
		}
		if seen[id] {
			return nil, badRequest("Duplicate id %q in ids", id)
		}
		seen[id] = true
	}
	return slices.Clone(ids), nil
}

// BatchQuery encodes keys as protocol-1 ids[N].field parameters, the
// inverse of [BatchKeys]. The simulator's tests and any Go caller building
// batch URLs use it so both sides agree on the syntax.
func BatchQuery(keys []Key) url.Values {
	q := url.Values{}
	for i, k := range keys {
		for f, v := range k {
			q.Set(fmt.Sprintf("ids[%d].%s", i, f), v)
		}
	}
	return q
}

// CheckBatchSize returns a 400 *Error when a batch of n records exceeds
// limit. LinkedIn caps RSC batches at 100 records per call (rsc-api.md §2.4);
// pass [MaxBatchSize] unless an endpoint documents another limit.
func CheckBatchSize(n, limit int) error {
	if n > limit {
		return badRequest("Batch size %d exceeds the maximum allowed batch size of %d", n, limit)
	}
	return nil
}
