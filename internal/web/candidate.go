package web

import "net/http"

// Stubs until this file's pages are written.

func (s *Server) handleCandidateApply(w http.ResponseWriter, r *http.Request) error { return notBuilt(w, r) }

func (s *Server) handleCandidateCreate(w http.ResponseWriter, r *http.Request) error { return notBuilt(w, r) }

func (s *Server) handleCandidateIndex(w http.ResponseWriter, r *http.Request) error { return notBuilt(w, r) }

func (s *Server) handleCandidateNew(w http.ResponseWriter, r *http.Request) error { return notBuilt(w, r) }

func (s *Server) handleCandidateNoteCreate(w http.ResponseWriter, r *http.Request) error { return notBuilt(w, r) }

func (s *Server) handleCandidatePoolAdd(w http.ResponseWriter, r *http.Request) error { return notBuilt(w, r) }

func (s *Server) handleCandidateShow(w http.ResponseWriter, r *http.Request) error { return notBuilt(w, r) }

func (s *Server) handleCandidateTab(w http.ResponseWriter, r *http.Request) error { return notBuilt(w, r) }

func (s *Server) handleCandidateUpdate(w http.ResponseWriter, r *http.Request) error { return notBuilt(w, r) }
