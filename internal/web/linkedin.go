package web

import "net/http"

// Stubs until this file's pages are written.

func (s *Server) handleLinkedIn(w http.ResponseWriter, r *http.Request) error { return notBuilt(w, r) }

func (s *Server) handleLinkedInAvailability(w http.ResponseWriter, r *http.Request) error { return notBuilt(w, r) }

func (s *Server) handleLinkedInConnect(w http.ResponseWriter, r *http.Request) error { return notBuilt(w, r) }

func (s *Server) handleLinkedInDisconnect(w http.ResponseWriter, r *http.Request) error { return notBuilt(w, r) }

func (s *Server) handleLinkedInNotify(w http.ResponseWriter, r *http.Request) error { return notBuilt(w, r) }

func (s *Server) handleLinkedInRequest(w http.ResponseWriter, r *http.Request) error { return notBuilt(w, r) }

func (s *Server) handleLinkedInRetry(w http.ResponseWriter, r *http.Request) error { return notBuilt(w, r) }
