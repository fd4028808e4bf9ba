package store

import (
	"attractor/internal/ats"
	"attractor/internal/store/dbq"
)

// CreateTemplate stores a process template with its phases. Names are
// unique case- and accent-insensitively, and at most one template is the
// default; either clash is ECONFLICT.
func (t *tx) CreateTemplate(pt *ats.ProcessTemplate) error {
	if err := newID(&pt.ID); err != nil {
		return err
	}
	if err := t.checkTemplateUnique(pt); err != nil {
		return err
	}
	t.stampNew(&pt.CreatedAt, &pt.UpdatedAt)
	n, err := t.q.CreateTemplate(t.ctx, dbq.CreateTemplateParams{
		ID: pt.ID, Name: pt.Name, NameKey: ats.FoldQuery(pt.Name), IsDefault: pt.IsDefault,
		CreatedAt: pt.CreatedAt, UpdatedAt: pt.UpdatedAt,
	})
	if err != nil {
		return wrap(err, "create template")
	}
	if n == 0 {
		return conflict("A process template named %s already exists.", pt.Name)
	}
	return t.saveTemplatePhases(pt, nil)
}

// checkTemplateUnique reports a clash of pt's name or default flag with
// another template.
func (t *tx) checkTemplateUnique(pt *ats.ProcessTemplate) error {
	other, err := t.q.GetTemplateByNameKey(t.ctx, ats.FoldQuery(pt.Name))
	if clash, err := takenBy(other.ID, err, pt.ID); err != nil {
		return wrap(err, "check template name")
	} else if clash {
		return conflict("A process template named %s already exists.", pt.Name)
	}
	if !pt.IsDefault {
		return nil
	}
	def, err := t.q.GetDefaultTemplate(t.ctx)
	if clash, err := takenBy(def.ID, err, pt.ID); err != nil {
		return wrap(err, "check default template")
	} else if clash {
		return conflict("Another process template is already the default.")
	}
	return nil
}

// FindTemplate returns the template with its phases in order.
func (t *tx) FindTemplate(id string) (*ats.ProcessTemplate, error) {
	row, err := t.q.GetTemplate(t.ctx, id)
	if err != nil {
		return nil, lookup(err, "Process template", "find template")
	}
	return t.withTemplatePhases(row)
}

// FindDefaultTemplate returns the default template, or ENOTFOUND when none
// is marked.
func (t *tx) FindDefaultTemplate() (*ats.ProcessTemplate, error) {
	row, err := t.q.GetDefaultTemplate(t.ctx)
	if err != nil {
		return nil, lookup(err, "Default process template", "find default template")
	}
	return t.withTemplatePhases(row)
}

func (t *tx) withTemplatePhases(row dbq.ProcessTemplate) (*ats.ProcessTemplate, error) {
	phases, err := t.q.ListTemplatePhases(t.ctx, row.ID)
	if err != nil {
		return nil, wrap(err, "find template phases")
	}
	pt := templateFromRow(row)
	for _, p := range phases {
		pt.Phases = append(pt.Phases, templatePhase(p))
	}
	return pt, nil
}

// FindTemplates returns every template, ordered by name, with its phases.
// Phases are read in one query, as templates are few.
func (t *tx) FindTemplates() ([]*ats.ProcessTemplate, error) {
	rows, err := t.q.ListTemplates(t.ctx)
	if err != nil {
		return nil, wrap(err, "find templates")
	}
	phases, err := t.q.ListAllTemplatePhases(t.ctx)
	if err != nil {
		return nil, wrap(err, "find template phases")
	}
	byTemplate := map[string][]ats.Phase{}
	for _, p := range phases {
		byTemplate[p.TemplateID] = append(byTemplate[p.TemplateID], templatePhase(p))
	}
	out := make([]*ats.ProcessTemplate, len(rows))
	for i, r := range rows {
		out[i] = templateFromRow(r)
		out[i].Phases = emptyIfNil(byTemplate[r.ID])
	}
	return out, nil
}

// UpdateTemplate saves name, default flag and the complete phase list:
// phases are matched by ID, new ones get one, missing ones are deleted.
func (t *tx) UpdateTemplate(pt *ats.ProcessTemplate) error {
	if err := t.checkTemplateUnique(pt); err != nil {
		return err
	}
	old, err := t.q.ListTemplatePhases(t.ctx, pt.ID)
	if err != nil {
		return wrap(err, "find template phases")
	}
	t.stamp(&pt.UpdatedAt)
	n, err := t.q.UpdateTemplate(t.ctx, dbq.UpdateTemplateParams{
		ID: pt.ID, Name: pt.Name, NameKey: ats.FoldQuery(pt.Name), IsDefault: pt.IsDefault,
		UpdatedAt: pt.UpdatedAt,
	})
	if err := changed(n, err, "Process template", "update template"); err != nil {
		return err
	}
	return t.saveTemplatePhases(pt, old)
}

// saveTemplatePhases upserts pt's phases in list order and deletes the old
// ones that are no longer listed.
func (t *tx) saveTemplatePhases(pt *ats.ProcessTemplate, old []dbq.TemplatePhase) error {
	pt.Phases = emptyIfNil(pt.Phases)
	err := savePhases(pt.Phases, func(p ats.Phase) (int64, error) {
		return t.q.UpsertTemplatePhase(t.ctx, dbq.UpsertTemplatePhaseParams{
			ID: p.ID, TemplateID: pt.ID, Name: p.Name, Kind: string(p.Kind),
			Position: int64(p.Position), Enabled: p.Enabled,
		})
	})
	if err != nil {
		return err
	}
	keep := phaseIDs(pt.Phases)
	for _, p := range old {
		if !keep[p.ID] {
			err := t.q.DeleteTemplatePhase(t.ctx, dbq.DeleteTemplatePhaseParams{ID: p.ID, TemplateID: pt.ID})
			if err != nil {
				return wrap(err, "delete template phase")
			}
		}
	}
	return nil
}

// ClearDefaultTemplate unmarks whichever template is the default, so
// another can take the flag.
func (t *tx) ClearDefaultTemplate() error {
	return wrap(t.q.ClearDefaultTemplate(t.ctx), "clear default template")
}

// savePhases gives each phase an id when it has none and its list index as
// position, then stores it with upsert. A phase id that belongs to another
// process makes upsert match nothing, which is refused.
func savePhases(phases []ats.Phase, upsert func(ats.Phase) (int64, error)) error {
	for i := range phases {
		p := &phases[i]
		if err := newID(&p.ID); err != nil {
			return err
		}
		p.Position = i
		n, err := upsert(*p)
		if err != nil {
			return wrap(err, "save phase")
		}
		if n == 0 {
			return &ats.Error{Code: ats.EINVALID, Message: "Phase " + p.Name + " belongs to another process."}
		}
	}
	return nil
}

func phaseIDs(phases []ats.Phase) map[string]bool {
	ids := make(map[string]bool, len(phases))
	for _, p := range phases {
		ids[p.ID] = true
	}
	return ids
}

func templateFromRow(r dbq.ProcessTemplate) *ats.ProcessTemplate {
	return &ats.ProcessTemplate{
		ID: r.ID, Name: r.Name, IsDefault: r.IsDefault, Phases: []ats.Phase{},
		CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
	}
}

func templatePhase(p dbq.TemplatePhase) ats.Phase {
	return ats.Phase{ID: p.ID, Name: p.Name, Kind: ats.PhaseKind(p.Kind), Position: int(p.Position), Enabled: p.Enabled}
}
