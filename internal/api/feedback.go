package api

import (
	"net/http"

	"attractor/internal/ats"
)

// feedbackInput is the body of POST /api/v1/applications/{id}/feedback:
// what the interviewer says. Who and when are the server's to record.
type feedbackInput struct {
	InterviewType  ats.InterviewType  `json:"interview_type"`
	Evaluations    []ats.Evaluation   `json:"evaluations"`
	Recommendation ats.Recommendation `json:"recommendation"`
	Comments       string             `json:"comments"`
}

// handleFeedbackIndex lists an application's interview feedback; the
// service shows interviewers only their own.
func (s *Server) handleFeedbackIndex(w http.ResponseWriter, r *http.Request) error {
	feedback, err := s.svc.FindFeedback(r.Context(), r.PathValue("id"))
	return all(w, feedback, err)
}

// handleFeedbackCreate records the caller's feedback on an application.
func (s *Server) handleFeedbackCreate(w http.ResponseWriter, r *http.Request) error {
	in, err := decode[feedbackInput](r)
	if err != nil {
		return err
	}
	f := ats.Feedback{InterviewType: in.InterviewType, Evaluations: in.Evaluations,
		Recommendation: in.Recommendation, Comments: in.Comments}
	out, err := s.svc.CreateFeedback(r.Context(), r.PathValue("id"), f)
	return reply(w, http.StatusCreated, out, err)
}
