package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"attractor/internal/ats"
)

// templateNewRows is how many blank rows the phases table offers for
// adding custom phases in one submit.
const templateNewRows = 2

// templateIndexView is the process templates tab: the list and the form
// adding a template (with the default phases, edited afterwards).
type templateIndexView struct {
	Base
	Templates []*ats.ProcessTemplate
	Form      Form
}

// PhaseNames are a template's enabled phases in order; the page joins
// them with arrows, each name isolated in <bdi> so a right-to-left name
// does not reorder the arrows around it.
func (v *templateIndexView) PhaseNames(t *ats.ProcessTemplate) []string {
	names := make([]string, 0, len(t.Phases))
	for _, ph := range t.Phases {
		if ph.Enabled {
			names = append(names, ph.Name)
		}
	}
	return names
}

// handleTemplateIndex lists the process templates.
func (s *Server) handleTemplateIndex(w http.ResponseWriter, r *http.Request) error {
	v, err := s.templateIndex(r, Form{})
	if err != nil {
		return err
	}
	return s.ok(w, r, "admin_templates", v)
}

// templateIndex builds the templates tab around form f.
func (s *Server) templateIndex(r *http.Request, f Form) (*templateIndexView, error) {
	if err := adminOnly(r); err != nil {
		return nil, err
	}
	list, err := s.svc.FindTemplates(r.Context())
	if err != nil {
		return nil, err
	}
	return &templateIndexView{Base: s.base(r, "Process templates", "admin"), Templates: list, Form: f}, nil
}

// handleTemplateCreate adds a template with the default phases and opens
// it for editing.
func (s *Server) handleTemplateCreate(w http.ResponseWriter, r *http.Request) error {
	if err := adminOnly(r); err != nil {
		return err
	}
	f, err := newForm(r)
	if err != nil {
		return err
	}
	t, err := s.svc.CreateTemplate(r.Context(), ats.ProcessTemplateInput{Name: f.Get("name"), IsDefault: f.Has("is_default", "on")})
	if f.Failed(err) {
		v, verr := s.templateIndex(r, f)
		if verr != nil {
			return verr
		}
		s.render(w, r, f.Status(), "admin_templates", v)
		return nil
	} else if err != nil {
		return err
	}
	return s.redirect(w, r, "/admin/templates/"+t.ID, "Added the template "+t.Name+". Edit its phases below.")
}

// templateEditView is one template's page: its name, whether it is the
// default, and its phases as a table of rows.
type templateEditView struct {
	Base
	Template *ats.ProcessTemplate
	Name     string
	Rows     []templateRow
	Form     Form
}

// templateRow is one row of the phases table: a phase of the template,
// or a blank row adding a custom phase.
type templateRow struct {
	Index   int
	ID      string
	Kind    ats.PhaseKind
	Name    string
	Order   string
	Enabled bool
	Remove  bool
}

// IsNew reports whether the row adds a phase.
func (r templateRow) IsNew() bool { return r.ID == "" }

// Label names the row in its controls' hidden labels, so a screen reader
// hears "On: Screening" rather than a column of identical "On"s: the
// phase name, or its row number when the name field was emptied.
func (r templateRow) Label() string {
	if strings.TrimSpace(r.Name) != "" {
		return r.Name
	}
	return "phase " + strconv.Itoa(r.Index+1)
}

// CanSwitch reports whether the phase may be switched off (only Prospect).
func (r templateRow) CanSwitch() bool { return r.Kind == ats.PhaseProspect }

// CanRemove reports whether the phase may be removed (custom phases).
func (r templateRow) CanRemove() bool { return r.Kind == ats.PhaseCustom && r.ID != "" }

// handleTemplateEdit shows one template for editing.
func (s *Server) handleTemplateEdit(w http.ResponseWriter, r *http.Request) error {
	if err := adminOnly(r); err != nil {
		return err
	}
	t, err := s.svc.FindTemplate(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	v := templateEditView{Base: s.base(r, t.Name, "admin"), Template: t, Name: t.Name, Rows: templateRowsOf(t.Phases)}
	return s.ok(w, r, "admin_template", &v)
}

// templateRowsOf lays a process out as table rows plus blank new rows.
func templateRowsOf(phases []ats.Phase) []templateRow {
	rows := make([]templateRow, 0, len(phases)+templateNewRows)
	for i, ph := range phases {
		rows = append(rows, templateRow{Index: i, ID: ph.ID, Kind: ph.Kind, Name: ph.Name,
			Order: strconv.Itoa(i + 1), Enabled: ph.Enabled})
	}
	for i := range templateNewRows {
		rows = append(rows, templateRow{Index: len(phases) + i, Kind: ats.PhaseCustom})
	}
	return rows
}

// handleTemplateUpdate saves a template's name, default flag and phases;
// a failed submit shows the table again as it was submitted.
func (s *Server) handleTemplateUpdate(w http.ResponseWriter, r *http.Request) error {
	if err := adminOnly(r); err != nil {
		return err
	}
	t, err := s.svc.FindTemplate(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	f, err := newForm(r)
	if err != nil {
		return err
	}
	rows, err := templateRowsFrom(f)
	if err != nil {
		return err
	}
	upd := templateUpdateOf(f, rows)
	saved, err := s.svc.UpdateTemplate(r.Context(), t.ID, upd)
	if f.Failed(err) {
		v := templateEditView{Base: s.base(r, t.Name, "admin"), Template: t, Name: f.Values.Get("name"), Rows: rows, Form: f}
		s.render(w, r, f.Status(), "admin_template", &v)
		return nil
	} else if err != nil {
		return err
	}
	return s.redirect(w, r, "/admin/templates/"+saved.ID, "Saved the template "+saved.Name+".")
}

// templateRowsFrom reads the phases table back from the parallel lists
// phase_id, phase_kind, phase_name and phase_order, and the checkboxes
// phase_enabled and phase_remove holding row indexes.
func templateRowsFrom(f Form) ([]templateRow, error) {
	ids, kinds, names, orders := f.Values["phase_id"], f.Values["phase_kind"], f.Values["phase_name"], f.Values["phase_order"]
	n := len(ids)
	if len(kinds) != n || len(names) != n || len(orders) != n || n > ats.MaxPhases+templateNewRows {
		return nil, ats.Errorf(ats.EINVALID, "The phases table could not be read. Reload the page and try again.")
	}
	rows := make([]templateRow, n)
	for i := range n {
		idx := strconv.Itoa(i)
		rows[i] = templateRow{Index: i, ID: ids[i], Kind: ats.PhaseKind(kinds[i]), Name: names[i],
			Order: strings.TrimSpace(orders[i]), Enabled: f.Has("phase_enabled", idx), Remove: f.Has("phase_remove", idx)}
		if rows[i].ID == "" {
			rows[i].Kind = ats.PhaseCustom
		}
	}
	return rows, nil
}

// templateUpdateOf is the change a submitted edit form asks for: the rows
// kept, sorted by their order numbers (rows without one keep their place
// after the numbered ones), blank new rows left out.
func templateUpdateOf(f Form, rows []templateRow) ats.ProcessTemplateUpdate {
	type keyed struct {
		order int
		row   templateRow
	}
	var kept []keyed
	for _, r := range rows {
		if r.Remove || (r.IsNew() && strings.TrimSpace(r.Name) == "") {
			continue
		}
		order, err := strconv.Atoi(r.Order)
		if err != nil {
			order = 1_000_000 + r.Index
		}
		kept = append(kept, keyed{order, r})
	}
	slices.SortStableFunc(kept, func(a, b keyed) int { return a.order - b.order })
	phases := make([]ats.Phase, len(kept))
	for i, k := range kept {
		phases[i] = ats.Phase{ID: k.row.ID, Name: k.row.Name, Kind: k.row.Kind, Enabled: k.row.Enabled || !k.row.CanSwitch()}
	}
	name := f.Values.Get("name")
	upd := ats.ProcessTemplateUpdate{Name: &name, Phases: &phases}
	if f.Has("is_default", "on") {
		yes := true
		upd.IsDefault = &yes
	}
	return upd
}
