// Package web is Attractor's server-rendered interface: the pages
// recruiters, hiring managers, interviewers and admins work in. Handlers
// parse the request, call the ats.Service as the signed-in user, and
// render a typed view with html/template; the service decides what each
// role may see and do, so a page never shows more than the API would.
//
// Pages work without JavaScript (plain links and forms, post/redirect/get);
// the vendored htmx (static/htmx.min.js, htmx.org 4.0.1, 0BSD; its
// SHA-256 is recorded in static/VENDOR) only makes some of them quicker. Templates
// and static files are embedded, parsed once at start, and static files
// are served under content-hashed URLs with long cache lifetimes.
//
// Cross-site form posts are refused by http.CrossOriginProtection, and
// every response carries a Content-Security-Policy that allows scripts
// only from this origin and LinkedIn's widget platform.
package web
