package ats

import "time"

// PhaseKind says what a phase of a hiring process is for. The three built-in
// kinds cannot be deleted, only renamed; Prospect can be switched off.
type PhaseKind string

// Phase kinds.
const (
	PhaseProspect    PhaseKind = "prospect"
	PhaseApplication PhaseKind = "application"
	PhaseOffer       PhaseKind = "offer"
	PhaseCustom      PhaseKind = "custom"
)

// Builtin reports whether phases of this kind are mandatory in a process.
func (k PhaseKind) Builtin() bool {
	return k == PhaseProspect || k == PhaseApplication || k == PhaseOffer
}

// Phase is one step of a hiring process, in a template or copied onto a job.
type Phase struct {
	ID       string    `json:"id"`
	Name     string    `json:"name"`
	Kind     PhaseKind `json:"kind"`
	Position int       `json:"position"`
	Enabled  bool      `json:"enabled"`
}

// ProcessTemplate is an organisation-wide hiring process that jobs copy.
type ProcessTemplate struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	IsDefault bool      `json:"is_default"`
	Phases    []Phase   `json:"phases"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// ProcessTemplateUpdate changes a template; nil fields stay as they are.
// Phases, when given, is the complete new ordered list: phases with an ID
// are kept (renamed, switched, reordered), phases without one are added and
// missing ones are deleted.
type ProcessTemplateUpdate struct {
	Name      *string  `json:"name"`
	IsDefault *bool    `json:"is_default"`
	Phases    *[]Phase `json:"phases"`
}

// DefaultPhases is the built-in process: Prospect, Application, Screen,
// Interview, Offer.
func DefaultPhases() []Phase {
	return []Phase{
		{Name: "Prospect", Kind: PhaseProspect, Enabled: true},
		{Name: "Application", Kind: PhaseApplication, Enabled: true},
		{Name: "Screen", Kind: PhaseCustom, Enabled: true},
		{Name: "Interview", Kind: PhaseCustom, Enabled: true},
		{Name: "Offer", Kind: PhaseOffer, Enabled: true},
	}
}

// MaxPhases bounds the length of a process.
const MaxPhases = 30

// validatePhases checks a proposed process and numbers its positions: one of
// each built-in kind, Application and Offer switched on, Prospect (if
// present) first, names present and unique.
func validatePhases(phases []Phase, p Problems) []Phase {
	if len(phases) == 0 || len(phases) > MaxPhases {
		p.Add("phases", "A process has between 3 and 30 phases.")
		return phases
	}
	out := make([]Phase, len(phases))
	seen, names := map[PhaseKind]int{}, map[string]bool{}
	for i, ph := range phases {
		ph.Name = cleanLine(ph.Name)
		if ph.Kind == "" {
			ph.Kind = PhaseCustom
		}
		checkPhase(ph, names, p)
		seen[ph.Kind]++
		if ph.Kind != PhaseProspect {
			ph.Enabled = true
		}
		ph.Position = i
		out[i] = ph
	}
	checkBuiltins(out, seen, p)
	return out
}

func checkPhase(ph Phase, names map[string]bool, p Problems) {
	switch {
	case ph.Kind != PhaseCustom && !ph.Kind.Builtin():
		p.Add("phases", "Phase kind must be prospect, application, offer or custom.")
	case ph.Name == "":
		p.Add("phases", "Every phase needs a name.")
	case len([]rune(ph.Name)) > 100:
		p.Add("phases", "Phase names are at most 100 characters.")
	case names[foldKey(ph.Name)]:
		p.Add("phases", "Phase names must be unique: "+ph.Name+".")
	}
	names[foldKey(ph.Name)] = true
}

func checkBuiltins(out []Phase, seen map[PhaseKind]int, p Problems) {
	for _, k := range []PhaseKind{PhaseProspect, PhaseApplication, PhaseOffer} {
		if seen[k] != 1 {
			p.Add("phases", "A process has exactly one "+string(k)+" phase; it can be renamed but not deleted.")
		}
	}
	for i, ph := range out {
		if ph.Kind == PhaseProspect && i != 0 {
			p.Add("phases", "The prospect phase comes first.")
		}
		if ph.Kind == PhaseApplication && i > 1 {
			p.Add("phases", "The application phase comes right after prospect.")
		}
	}
}
