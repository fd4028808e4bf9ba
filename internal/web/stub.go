package web

import (
	"net/http"

	"attractor/internal/ats"
)

// errPageNotFound is the error of a path that names no page.
var errPageNotFound = ats.Errorf(ats.ENOTFOUND, "There is no page at this address.")

// notBuilt answers the routes whose pages are still being written.
func notBuilt(w http.ResponseWriter, r *http.Request) error { return errPageNotFound }
