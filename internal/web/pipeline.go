package web

import "net/http"

// Stubs until this file's pages are written.

func (s *Server) handleApplicationMove(w http.ResponseWriter, r *http.Request) error { return notBuilt(w, r) }

func (s *Server) handleApplicationReject(w http.ResponseWriter, r *http.Request) error { return notBuilt(w, r) }

func (s *Server) handlePipeline(w http.ResponseWriter, r *http.Request) error { return notBuilt(w, r) }

func (s *Server) handlePipelineAdd(w http.ResponseWriter, r *http.Request) error { return notBuilt(w, r) }
