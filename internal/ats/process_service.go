package ats

import "context"

// ProcessTemplateInput creates a template. Phases empty means the built-in
// default process.
type ProcessTemplateInput struct {
	Name      string  `json:"name"`
	IsDefault bool    `json:"is_default"`
	Phases    []Phase `json:"phases"`
}

// EnsureDefaultTemplate creates the built-in default template when no
// template exists yet; the server calls it at every start-up.
func (s *Service) EnsureDefaultTemplate(ctx context.Context) error {
	err := s.store.Update(ctx, s.createDefaultTemplate)
	if ErrorCode(err) == ECONFLICT {
		return nil // another replica starting at the same time created it
	}
	return err
}

func (s *Service) createDefaultTemplate(tx Tx) error {
	list, err := tx.FindTemplates()
	if err != nil || len(list) > 0 {
		return err
	}
	t := &ProcessTemplate{ID: newID(), Name: "Default", IsDefault: true,
		Phases: withIDs(DefaultPhases()), CreatedAt: tx.Now(), UpdatedAt: tx.Now()}
	for i := range t.Phases {
		t.Phases[i].Position = i
	}
	return tx.CreateTemplate(t)
}

// withIDs gives phases that have none a fresh id.
func withIDs(phases []Phase) []Phase {
	for i := range phases {
		if phases[i].ID == "" {
			phases[i].ID = newID()
		}
	}
	return phases
}

// FindTemplates lists process templates.
func (s *Service) FindTemplates(ctx context.Context) (list []*ProcessTemplate, err error) {
	if _, err := require(ctx, ActionViewTemplates); err != nil {
		return nil, err
	}
	err = s.store.View(ctx, func(tx Tx) error {
		list, err = tx.FindTemplates()
		return err
	})
	return list, err
}

// FindTemplate returns one process template.
func (s *Service) FindTemplate(ctx context.Context, id string) (t *ProcessTemplate, err error) {
	if _, err := require(ctx, ActionViewTemplates); err != nil {
		return nil, err
	}
	if !validID(id) {
		return nil, notFound("Process template")
	}
	err = s.store.View(ctx, func(tx Tx) error {
		t, err = tx.FindTemplate(id)
		return err
	})
	return t, err
}

// CreateTemplate adds a process template. Admins only.
func (s *Service) CreateTemplate(ctx context.Context, in ProcessTemplateInput) (*ProcessTemplate, error) {
	if _, err := require(ctx, ActionManageTemplates); err != nil {
		return nil, err
	}
	p := Problems{}
	in.Name = cleanLine(in.Name)
	checkText(p, "name", in.Name, 100, true)
	if len(in.Phases) == 0 {
		in.Phases = DefaultPhases()
	}
	for i := range in.Phases {
		in.Phases[i].ID = ""
	}
	t := &ProcessTemplate{ID: newID(), Name: in.Name, IsDefault: in.IsDefault, Phases: validatePhases(in.Phases, p)}
	if err := p.Err(); err != nil {
		return nil, err
	}
	t.Phases = withIDs(t.Phases)
	err := s.store.Update(ctx, func(tx Tx) error {
		t.CreatedAt, t.UpdatedAt = tx.Now(), tx.Now()
		if t.IsDefault {
			if err := tx.ClearDefaultTemplate(); err != nil {
				return err
			}
		}
		return tx.CreateTemplate(t)
	})
	return t, err
}

// UpdateTemplate renames a template, makes it the default, or changes its
// phases. Jobs already created keep their own copy of the process.
func (s *Service) UpdateTemplate(ctx context.Context, id string, upd ProcessTemplateUpdate) (t *ProcessTemplate, err error) {
	if _, err := require(ctx, ActionManageTemplates); err != nil {
		return nil, err
	}
	if !validID(id) {
		return nil, notFound("Process template")
	}
	err = s.store.Update(ctx, func(tx Tx) error {
		if t, err = tx.FindTemplate(id); err != nil {
			return err
		}
		if err := upd.apply(t); err != nil {
			return err
		}
		t.UpdatedAt = tx.Now()
		if upd.IsDefault != nil && *upd.IsDefault {
			if err := tx.ClearDefaultTemplate(); err != nil {
				return err
			}
		}
		return tx.UpdateTemplate(t)
	})
	return t, err
}

func (upd ProcessTemplateUpdate) apply(t *ProcessTemplate) error {
	p := Problems{}
	if upd.Name != nil {
		t.Name = cleanLine(*upd.Name)
		checkText(p, "name", t.Name, 100, true)
	}
	if upd.IsDefault != nil {
		if !*upd.IsDefault && t.IsDefault {
			p.Add("is_default", "Make another template the default instead.")
		}
		t.IsDefault = *upd.IsDefault
	}
	if upd.Phases != nil {
		phases := mergePhases(t.Phases, *upd.Phases, p)
		t.Phases = withIDs(validatePhases(phases, p))
	}
	return p.Err()
}

// mergePhases resolves a proposed phase list against the current one:
// known ids keep their kind (a built-in phase cannot become custom), unknown
// ids are refused, new phases are custom unless they say otherwise.
func mergePhases(current, proposed []Phase, p Problems) []Phase {
	byID := map[string]Phase{}
	for _, ph := range current {
		byID[ph.ID] = ph
	}
	out := make([]Phase, 0, len(proposed))
	for _, ph := range proposed {
		if ph.ID == "" {
			if ph.Kind.Builtin() {
				p.Add("phases", "The "+string(ph.Kind)+" phase already exists; rename it instead of adding another.")
			}
			ph.Kind = PhaseCustom
		} else if old, ok := byID[ph.ID]; ok {
			ph.Kind = old.Kind
		} else {
			p.Add("phases", "Unknown phase id "+ph.ID+".")
		}
		out = append(out, ph)
	}
	return out
}
