package api

import (
	"net/http"

	"attractor/internal/ats"
)

// handleTemplateIndex lists the hiring-process templates. They are few, so
// the list is not paged.
func (s *Server) handleTemplateIndex(w http.ResponseWriter, r *http.Request) error {
	templates, err := s.svc.FindTemplates(r.Context())
	return all(w, templates, err)
}

// handleTemplateCreate adds a template (admins); no phases means the
// built-in default process.
func (s *Server) handleTemplateCreate(w http.ResponseWriter, r *http.Request) error {
	in, err := decode[ats.ProcessTemplateInput](r)
	if err != nil {
		return err
	}
	t, err := s.svc.CreateTemplate(r.Context(), in)
	return reply(w, http.StatusCreated, t, err)
}

// handleTemplateShow returns one template with its phases.
func (s *Server) handleTemplateShow(w http.ResponseWriter, r *http.Request) error {
	t, err := s.svc.FindTemplate(r.Context(), r.PathValue("id"))
	return reply(w, http.StatusOK, t, err)
}

// handleTemplateUpdate renames a template, makes it the default or changes
// its phases (admins). Existing jobs keep their own copy.
func (s *Server) handleTemplateUpdate(w http.ResponseWriter, r *http.Request) error {
	upd, err := decode[ats.ProcessTemplateUpdate](r)
	if err != nil {
		return err
	}
	t, err := s.svc.UpdateTemplate(r.Context(), r.PathValue("id"), upd)
	return reply(w, http.StatusOK, t, err)
}
