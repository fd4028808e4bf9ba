package web

import "net/http"

// Stubs until this file's pages are written.

func (s *Server) handleTemplateCreate(w http.ResponseWriter, r *http.Request) error { return notBuilt(w, r) }

func (s *Server) handleTemplateEdit(w http.ResponseWriter, r *http.Request) error { return notBuilt(w, r) }

func (s *Server) handleTemplateIndex(w http.ResponseWriter, r *http.Request) error { return notBuilt(w, r) }

func (s *Server) handleTemplateUpdate(w http.ResponseWriter, r *http.Request) error { return notBuilt(w, r) }
