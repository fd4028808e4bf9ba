package web

import (
	"net/http"
	"net/url"
	"sort"
	"strconv"

	"attractor/internal/ats"
)

// jobProcessView edits a draft job's own phases (ats.JobUpdate.Phases):
// rename, reorder by number, switch Prospect off, remove custom phases and
// add one per save. Rows are phases.N.id, .name, .order, .enabled and
// .remove; a row without an id is a new phase.
type jobProcessView struct {
	Base
	*jobAccess
	Form Form
	// kinds maps the job's phase ids to their kind, for the row labels.
	kinds map[string]ats.PhaseKind
}

// processRow is one row of the editor.
type processRow struct {
	Index                  int
	ID, Name, Order        string
	Kind                   ats.PhaseKind
	Enabled, Remove, IsNew bool
}

// Field names the row's input of the given part ("name", "order" …).
func (r processRow) Field(part string) string {
	return "phases." + strconv.Itoa(r.Index) + "." + part
}

// RowName names the row for screen readers in its per-row labels ("Number
// of Screen"), so each row's controls are told apart: the phase's name,
// else which row it is.
func (r processRow) RowName() string {
	switch {
	case r.Name != "":
		return r.Name
	case r.IsNew:
		return "the new phase"
	}
	return "phase " + strconv.Itoa(r.Index+1)
}

// Rows are the phase rows as loaded or submitted, the new-phase row last.
func (v *jobProcessView) Rows() []processRow {
	var out []processRow
	for i := 0; i <= ats.MaxPhases+1; i++ {
		row := processRow{Index: i}
		if _, ok := v.Form.Values[row.Field("name")]; !ok {
			break
		}
		row.ID, row.Name, row.Order = v.Form.Get(row.Field("id")), v.Form.Get(row.Field("name")), v.Form.Get(row.Field("order"))
		row.Enabled, row.Remove = v.Form.Has(row.Field("enabled"), "on"), v.Form.Has(row.Field("remove"), "on")
		row.Kind, row.IsNew = v.kinds[row.ID], row.ID == ""
		out = append(out, row)
	}
	return out
}

// handleJobProcessEdit shows a draft job's phases for editing.
func (s *Server) handleJobProcessEdit(w http.ResponseWriter, r *http.Request) error {
	v, phases, err := s.jobProcess(r)
	if err != nil {
		return err
	}
	v.Form = Form{Values: url.Values{}}
	for i, ph := range phases {
		row := processRow{Index: i}
		v.Form.Values.Set(row.Field("id"), ph.ID)
		v.Form.Values.Set(row.Field("name"), ph.Name)
		v.Form.Values.Set(row.Field("order"), strconv.Itoa(i+1))
		if ph.Enabled {
			v.Form.Values.Set(row.Field("enabled"), "on")
		}
	}
	blank := processRow{Index: len(phases)}
	v.Form.Values.Set(blank.Field("name"), "")
	v.Form.Values.Set(blank.Field("order"), strconv.Itoa(max(1, len(phases)-1))) // before the last (Offer)
	return s.ok(w, r, "job_process", v)
}

// jobProcess loads the editor's job and phases; only a draft's process can
// change, and only by those who may edit the job.
func (s *Server) jobProcess(r *http.Request) (*jobProcessView, []ats.Phase, error) {
	a, err := s.loadJob(r)
	if err != nil {
		return nil, nil, err
	}
	if err := a.require(ats.ActionEditJob); err != nil {
		return nil, nil, err
	}
	if !a.CanEditProcess() {
		return nil, nil, ats.Errorf(ats.ECONFLICT, "The hiring process cannot be changed once the job is active.")
	}
	phases, err := s.svc.FindJobPhases(r.Context(), a.Job.ID)
	if err != nil {
		return nil, nil, err
	}
	v := &jobProcessView{Base: s.base(r, "Process · "+a.Job.Title, "jobs"), jobAccess: a,
		kinds: map[string]ats.PhaseKind{}}
	for _, ph := range phases {
		v.kinds[ph.ID] = ph.Kind
	}
	return v, phases, nil
}

// handleJobProcessUpdate saves the edited phases.
func (s *Server) handleJobProcessUpdate(w http.ResponseWriter, r *http.Request) error {
	v, _, err := s.jobProcess(r)
	if err != nil {
		return err
	}
	if v.Form, err = newForm(r); err != nil {
		return err
	}
	phases := v.proposed()
	_, err = s.svc.UpdateJob(r.Context(), v.Job.ID, ats.JobUpdate{Phases: &phases})
	if v.Form.Failed(err) && ats.ErrorCode(err) != ats.EFORBIDDEN {
		s.render(w, r, v.Form.Status(), "job_process", v)
		return nil
	} else if err != nil {
		return err
	}
	return s.redirect(w, r, "/jobs/"+v.Job.ID, "Hiring process saved.")
}

// proposed is the process the form asks for, ordered by the rows' numbers
// (rows keep their place among equal numbers); removed rows and an empty
// new row are left out.
func (v *jobProcessView) proposed() []ats.Phase {
	type ordered struct {
		order int
		phase ats.Phase
	}
	var list []ordered
	for _, row := range v.Rows() {
		if row.Remove || (row.IsNew && row.Name == "") {
			continue
		}
		n, err := strconv.Atoi(row.Order)
		if err != nil {
			n = row.Index + 1
		}
		enabled := row.Enabled || row.Kind != ats.PhaseProspect
		list = append(list, ordered{n, ats.Phase{ID: row.ID, Name: row.Name, Enabled: enabled}})
	}
	sort.SliceStable(list, func(i, j int) bool { return list[i].order < list[j].order })
	out := make([]ats.Phase, len(list))
	for i, o := range list {
		out[i] = o.phase
	}
	return out
}
