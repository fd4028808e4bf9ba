// Package restli holds the server-side Rest.li protocol helpers that the
// linkedinsim handlers share, so every simulated RSC endpoint parses keys,
// batches, projections and paging the same way and answers with the same
// envelopes and error bodies as LinkedIn (rsc-api.md §2).
//
// The package is deliberately pure: it depends only on the standard library
// (net/http, net/url, encoding/json) and on no other package of this module,
// so handlers, tests and a future client-side fake can all use it.
//
// What is supported, by topic:
//
//   - Compound keys (rsc-api.md §2.3): protocol-1 "k=v&k=v" strings as they
//     appear in a path segment or as a batch-body entity key, with values
//     form-decoded (%XX and '+' for space). Key.String is the canonical,
//     field-sorted form used for map keys and response keys.
//   - Batch ids in the query (rsc-api.md §2.3): protocol-1
//     "ids[0].field=v" ([BatchKeys]) and simple "ids=v" ([SimpleIDs]).
//     Protocol 2.0 "ids=List((k:v))" is not supported.
//   - Batch bodies (rsc-api.md §2.4): {"entities": {...}} checked against the
//     query ids, {"elements": [...]} for batch_create, and Rest.li patches
//     with top-level "$set" and "$delete" only (no nested patches).
//   - Projection (rsc-api.md §2.3): "fields=a,b" and nested "a:(b,c)" masks,
//     see [ParseFields].
//   - Paging and the finder envelope (rsc-api.md §2.4).
//   - Batch response envelopes, the standard error body and LinkedIn's 422
//     "ERROR :: /field :: message" validation text (rsc-api.md §2.4, §2.5).
//   - URL size limits answered with 414 (rsc-api.md §2.5).
package restli
