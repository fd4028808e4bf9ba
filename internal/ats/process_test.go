package ats

import (
	"testing"
)

func TestValidatePhases(t *testing.T) {
	custom := func(name string) Phase { return Phase{Name: name, Kind: PhaseCustom} }
	prospect, application, offer := Phase{Name: "Prospect", Kind: PhaseProspect, Enabled: true},
		Phase{Name: "Apply", Kind: PhaseApplication}, Phase{Name: "Offer", Kind: PhaseOffer}
	tests := []struct {
		name    string
		phases  []Phase
		wantErr bool
	}{
		{"default", DefaultPhases(), false},
		{"renamed builtins", []Phase{{Name: "Sourced", Kind: PhaseProspect}, {Name: "Applied", Kind: PhaseApplication}, {Name: "Contract", Kind: PhaseOffer}}, false},
		{"prospect switched off", []Phase{{Name: "Prospect", Kind: PhaseProspect, Enabled: false}, application, offer}, false},
		{"custom after offer", []Phase{prospect, application, offer, custom("Background check")}, false},
		{"no prospect", []Phase{application, custom("Screen"), offer}, true},
		{"no offer", []Phase{prospect, application, custom("Screen")}, true},
		{"two offers", []Phase{prospect, application, offer, {Name: "Offer 2", Kind: PhaseOffer}}, true},
		{"prospect not first", []Phase{application, prospect, offer}, true},
		{"application late", []Phase{prospect, custom("Screen"), application, offer}, true},
		{"duplicate names ignoring case", []Phase{prospect, application, custom("Screen"), custom("SCREEN"), offer}, true},
		{"empty name", []Phase{prospect, application, custom("  "), offer}, true},
		{"unknown kind", []Phase{prospect, application, {Name: "X", Kind: "weird"}, offer}, true},
		{"empty", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := Problems{}
			out := validatePhases(tt.phases, p)
			if got := p.Err() != nil; got != tt.wantErr {
				t.Fatalf("validatePhases error = %v (%v), want error %v", got, p, tt.wantErr)
			}
			for i, ph := range out {
				if ph.Position != i {
					t.Errorf("phase %d has position %d", i, ph.Position)
				}
				if ph.Kind != PhaseProspect && !ph.Enabled {
					t.Errorf("phase %q is switched off; only prospect may be", ph.Name)
				}
			}
		})
	}
}

func TestMergePhasesKeepsKinds(t *testing.T) {
	current := withIDs(DefaultPhases())
	proposed := append([]Phase(nil), current...)
	proposed[4].Kind = PhaseCustom // a client cannot turn Offer into a custom phase
	proposed[2].Name = "Phone screen"
	p := Problems{}
	out := validatePhases(mergePhases(current, proposed, p), p)
	if err := p.Err(); err != nil {
		t.Fatalf("merge: %v", p)
	}
	if out[4].Kind != PhaseOffer || out[2].Name != "Phone screen" {
		t.Errorf("merged phases = %+v", out)
	}
	p = Problems{}
	mergePhases(current, append(proposed, Phase{ID: "nope", Name: "X"}), p)
	if p.Err() == nil {
		t.Error("unknown phase id accepted")
	}
}
