package web

import "net/http"

// Stubs until this file's pages are written.

func (s *Server) handlePoolCreate(w http.ResponseWriter, r *http.Request) error { return notBuilt(w, r) }

func (s *Server) handlePoolIndex(w http.ResponseWriter, r *http.Request) error { return notBuilt(w, r) }

func (s *Server) handlePoolMemberDelete(w http.ResponseWriter, r *http.Request) error { return notBuilt(w, r) }

func (s *Server) handlePoolShow(w http.ResponseWriter, r *http.Request) error { return notBuilt(w, r) }

func (s *Server) handlePoolUpdate(w http.ResponseWriter, r *http.Request) error { return notBuilt(w, r) }
