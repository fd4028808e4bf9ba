package web

import "net/http"

// Stubs until this file's pages are written.

func (s *Server) handleAdmin(w http.ResponseWriter, r *http.Request) error { return notBuilt(w, r) }

func (s *Server) handleUserCreate(w http.ResponseWriter, r *http.Request) error { return notBuilt(w, r) }

func (s *Server) handleUserEdit(w http.ResponseWriter, r *http.Request) error { return notBuilt(w, r) }

func (s *Server) handleUserIndex(w http.ResponseWriter, r *http.Request) error { return notBuilt(w, r) }

func (s *Server) handleUserUpdate(w http.ResponseWriter, r *http.Request) error { return notBuilt(w, r) }
