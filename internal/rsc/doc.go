// Package rsc is Attractor's client for LinkedIn Recruiter System Connect
// (RSC), the partner API described in /work/shared/docs/rsc-api.md.
//
// It speaks LinkedIn's wire contract only: base URLs and credentials are
// configuration, so the same code talks to api.linkedin.com or to the
// simulator (architecture.md §2). It must not import the simulator, the
// domain (ats) or storage packages.
//
// A [Client] holds one application's credentials: the partner's parent app
// for the Provisioning API, or one customer's child app for everything else
// (rsc-api.md §1.1). Each client
//
//   - gets OAuth 2.0 client-credentials tokens with golang.org/x/oauth2,
//     credentials in the form body, reusing a token until near expiry and
//     refreshing it once on a 401 (rsc-api.md §2.1);
//   - encodes Rest.li protocol-1 keys and bodies itself (rsc-api.md §2.3);
//   - returns per-entity results for batch writes, which LinkedIn answers
//     with an overall 200 (rsc-api.md §2.4);
//   - classifies every failure as an [*Error] of one [Kind] so the sync
//     worker can stop, retry, snooze or ask an admin (conventions.md,
//     "Error model");
//   - paces itself with one token bucket of records per minute and a
//     daily call budget (rsc-api.md §2.6).
package rsc
