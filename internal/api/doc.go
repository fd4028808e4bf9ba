// Package api is Attractor's JSON API under /api/v1, plus the operational
// endpoints /healthz and /metrics.
//
// Handlers only parse, call ats.Service and render: every rule and
// permission lives in the domain, so the API and the web pages cannot
// disagree. Each handler returns an error, and one adapter (Server.json)
// turns it into a status through a single code→status table and the error
// body {"error":{"code","message","fields"}}. Internal error text is logged
// once and never sent to clients.
//
// Callers authenticate with an API token (Authorization: Bearer atr_…) or
// with the session cookie set by POST /api/v1/session. Cookie-authenticated
// unsafe requests pass through http.CrossOriginProtection; token requests
// cannot be forged by a browser and skip it.
//
// Every route is declared once, in routes.go, together with what the
// OpenAPI document needs to describe it, so the document served at
// /api/v1/openapi.json cannot drift from the routes.
package api
