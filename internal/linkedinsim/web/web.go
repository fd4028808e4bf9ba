// Package web holds the simulator's HTML templates and static files
// (LinkedIn's sign-in and consent pages, the onboarding widget and its
// JavaScript loader), embedded so the binary serves them with no files
// on disk. Package linkedinsim parses and serves them.
package web

import "embed"

// FS holds templates/*.html and static/*.
//
//go:embed templates/*.html static/*
var FS embed.FS
