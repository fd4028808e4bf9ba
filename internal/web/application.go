package web

import "net/http"

// Stubs until this file's pages are written.

func (s *Server) handleApplicationNoteCreate(w http.ResponseWriter, r *http.Request) error { return notBuilt(w, r) }

func (s *Server) handleApplicationShow(w http.ResponseWriter, r *http.Request) error { return notBuilt(w, r) }

func (s *Server) handleFeedbackCreate(w http.ResponseWriter, r *http.Request) error { return notBuilt(w, r) }
