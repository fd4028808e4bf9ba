package web

import "net/http"

// Stubs until this file's pages are written.

func (s *Server) handleJobActivate(w http.ResponseWriter, r *http.Request) error { return notBuilt(w, r) }

func (s *Server) handleJobClose(w http.ResponseWriter, r *http.Request) error { return notBuilt(w, r) }

func (s *Server) handleJobCreate(w http.ResponseWriter, r *http.Request) error { return notBuilt(w, r) }

func (s *Server) handleJobEdit(w http.ResponseWriter, r *http.Request) error { return notBuilt(w, r) }

func (s *Server) handleJobIndex(w http.ResponseWriter, r *http.Request) error { return notBuilt(w, r) }

func (s *Server) handleJobNew(w http.ResponseWriter, r *http.Request) error { return notBuilt(w, r) }

func (s *Server) handleJobShow(w http.ResponseWriter, r *http.Request) error { return notBuilt(w, r) }

func (s *Server) handleJobUpdate(w http.ResponseWriter, r *http.Request) error { return notBuilt(w, r) }

func (s *Server) handleTeamEdit(w http.ResponseWriter, r *http.Request) error { return notBuilt(w, r) }

func (s *Server) handleTeamUpdate(w http.ResponseWriter, r *http.Request) error { return notBuilt(w, r) }
