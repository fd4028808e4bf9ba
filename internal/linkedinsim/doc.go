// Package linkedinsim is the LinkedIn side of Attractor: a faithful
// simulator of LinkedIn's Recruiter System Connect (RSC) partner API, so the
// whole system runs offline and the ATS is tested against real HTTP.
//
// It speaks the wire exactly as ../shared/docs/rsc-api.md describes it and
// shares no code with the ATS (architecture.md §2): it never imports
// internal/ats, internal/store, internal/rsc, internal/syncer or
// internal/api, and parses and writes every body itself, so each half is an
// independent check of the other.
//
// Layout:
//
//   - Domain: members (member.go), organizations, contracts and seats
//     (world.go), developer applications and tokens (app.go), errors with
//     one code set (error.go), and the Service (service.go,
//     provisioning.go, summary.go) that HTTP handlers and, later, the
//     Recruiter UI call.
//   - World generator (generate.go, worldgen.go, names.go, text.go):
//     Generate builds a world deterministically from a seed and streams
//     members to a WorldWriter in batches, so a million members never sit
//     in memory. Member i depends only on (seed, i).
//   - HTTP (server.go, routes.go, handle_*.go): LinkedIn's OAuth token
//     endpoint, the RSC API and the simulator-only control API under
//     /sim/v1. Handlers return errors; one adapter renders LinkedIn's error
//     body {"serviceErrorCode","message","status"} (serviceErrorCode is the
//     HTTP status), the token endpoint renders RFC 6749 bodies.
//   - Storage: the Store interface here, implemented by simstore on
//     SQLite and PostgreSQL.
//
// The default world (seed 1) has fixed, documented credentials so that an
// ATS with default configuration reaches a default simulator with no setup:
//
//	partner (parent app) client id      attractor-partner
//	partner client secret               attractor-partner-secret
//	control API token (/sim/v1)         attractor-sim-control
//	seat holders' sign-in password      recruiter-1  (recruiter-<seed> in general)
//
// Other seeds derive their credentials from the seed; `attractor
// linkedinsim seed` prints them and GET /sim/v1/world returns them.
// Child apps' secrets are derived from a per-world key and their client
// id, so only their SHA-256 is stored yet the credentials finder can
// return them, as LinkedIn's does.
package linkedinsim
