package web

import "net/http"

// Stubs until this file's pages are written.

func (s *Server) handleConnectionLinkedIn(w http.ResponseWriter, r *http.Request) error { return notBuilt(w, r) }

func (s *Server) handleConnectionLinkedInDelete(w http.ResponseWriter, r *http.Request) error { return notBuilt(w, r) }

func (s *Server) handleConnections(w http.ResponseWriter, r *http.Request) error { return notBuilt(w, r) }

func (s *Server) handleSettings(w http.ResponseWriter, r *http.Request) error { return notBuilt(w, r) }
