package ats

import "time"

// SubjectKind says what a note is about.
type SubjectKind string

// Note subjects.
const (
	SubjectCandidate   SubjectKind = "candidate"
	SubjectApplication SubjectKind = "application"
)

// Note is free text written about a candidate or an application.
type Note struct {
	ID          string      `json:"id"`
	SubjectKind SubjectKind `json:"subject_kind"`
	SubjectID   string      `json:"subject_id"`
	AuthorID    string      `json:"author_id"`
	AuthorName  string      `json:"author_name,omitempty"`
	Text        string      `json:"text"`
	CreatedAt   time.Time   `json:"created_at"`
	UpdatedAt   time.Time   `json:"updated_at"`
}

// MaxNote bounds the length of a note.
const MaxNote = 20_000

// Recommendation is an interviewer's overall verdict.
type Recommendation string

// Recommendations, from strong no to strong yes.
const (
	RecStrongNo  Recommendation = "strong_no"
	RecNo        Recommendation = "no"
	RecNeutral   Recommendation = "neutral"
	RecYes       Recommendation = "yes"
	RecStrongYes Recommendation = "strong_yes"
)

// InterviewType follows LinkedIn's interview feedback types.
type InterviewType string

// Interview types.
const (
	InterviewPhoneScreen InterviewType = "PHONE_SCREEN"
	InterviewOnsite      InterviewType = "ONSITE"
	InterviewVideo       InterviewType = "VIDEO"
	InterviewOther       InterviewType = "OTHER"
)

// Evaluation is one assessed attribute and its result, such as
// {"Communication", "Strong"}.
type Evaluation struct {
	Attribute string `json:"attribute"`
	Result    string `json:"result"`
}

// Feedback is an interviewer's assessment of an application.
type Feedback struct {
	ID              string         `json:"id"`
	ApplicationID   string         `json:"application_id"`
	InterviewerID   string         `json:"interviewer_id"`
	InterviewerName string         `json:"interviewer_name,omitempty"`
	InterviewType   InterviewType  `json:"interview_type"`
	Evaluations     []Evaluation   `json:"evaluations"`
	Recommendation  Recommendation `json:"recommendation"`
	Comments        string         `json:"comments"`
	CreatedAt       time.Time      `json:"created_at"`
	UpdatedAt       time.Time      `json:"updated_at"`
}

func (f *Feedback) validate(p Problems) {
	switch f.InterviewType {
	case InterviewPhoneScreen, InterviewOnsite, InterviewVideo, InterviewOther:
	default:
		p.Add("interview_type", "Interview type must be PHONE_SCREEN, ONSITE, VIDEO or OTHER.")
	}
	switch f.Recommendation {
	case RecStrongNo, RecNo, RecNeutral, RecYes, RecStrongYes:
	default:
		p.Add("recommendation", "Recommendation must be strong_no, no, neutral, yes or strong_yes.")
	}
	checkText(p, "comments", f.Comments, MaxNote, false)
	if len(f.Evaluations) > 50 {
		p.Add("evaluations", "At most 50 evaluations.")
	}
	if f.Evaluations == nil {
		f.Evaluations = []Evaluation{}
	}
	for i := range f.Evaluations {
		e := &f.Evaluations[i]
		e.Attribute, e.Result = cleanLine(e.Attribute), cleanLine(e.Result)
		checkText(p, "evaluations", e.Attribute, 200, true)
		checkText(p, "evaluations", e.Result, 200, true)
	}
}
