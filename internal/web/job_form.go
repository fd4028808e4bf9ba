package web

import (
	"net/http"
	"net/url"
	"strconv"

	"attractor/internal/ats"
)

// jobFormView is the job form, for a new job (Job nil) or an existing one.
// The process template and the creator's seat are chosen only at creation:
// afterwards a draft's phases are edited on the process page.
type jobFormView struct {
	Base
	Job       *ats.Job
	Form      Form
	Templates []*ats.ProcessTemplate
}

// Action is where the form posts.
func (v *jobFormView) Action() string {
	if v.Job == nil {
		return "/jobs"
	}
	return "/jobs/" + v.Job.ID
}

// Select is the select named name with its label, choices and problem.
func (v *jobFormView) Select(name string) selectView {
	sv := selectView{Name: name, Error: v.Form.Err(name)}
	switch name {
	case "employment_type":
		sv.Label, sv.Options = "Employment type", v.EmploymentTypes()
	case "linkedin_availability":
		sv.Label, sv.Options = "LinkedIn availability", v.Availabilities()
	case "process_template_id":
		sv.Label, sv.Options = "Hiring process template", v.TemplateOptions()
	case "creator_role":
		sv.Label, sv.Options = "Your seat on the hiring team", v.CreatorRoles()
	}
	return sv
}

// EmploymentTypes are the employment type select's choices (LinkedIn's
// values).
func (v *jobFormView) EmploymentTypes() []option {
	values := []string{"FULL_TIME", "PART_TIME", "CONTRACT", "TEMPORARY", "INTERNSHIP", "VOLUNTEER", "OTHER"}
	labels := []string{"Full time", "Part time", "Contract", "Temporary", "Internship", "Volunteer", "Other"}
	return options(v.Form.Get("employment_type"), values, labels)
}

// Availabilities are the LinkedIn availability select's choices.
func (v *jobFormView) Availabilities() []option {
	values := []string{string(ats.AvailabilityPublic), string(ats.AvailabilityPrivate)}
	labels := []string{"Public: every LinkedIn Recruiter seat of the contract", "Private: only the job's hiring team"}
	if v.Job == nil { // a new job may take the integration's default
		values, labels = append([]string{""}, values...), append([]string{"The LinkedIn integration's default"}, labels...)
	}
	return options(v.Form.Get("linkedin_availability"), values, labels)
}

// TemplateOptions are the process template select's choices.
func (v *jobFormView) TemplateOptions() []option {
	out := make([]option, len(v.Templates))
	for i, t := range v.Templates {
		name := t.Name
		if t.IsDefault {
			name += " (default)"
		}
		out[i] = option{Value: t.ID, Label: name, Selected: t.ID == v.Form.Get("process_template_id")}
	}
	return out
}

// CreatorRoles are the seats the creator may take: recruiter only when
// their system role allows it.
func (v *jobFormView) CreatorRoles() []option {
	var values, labels []string
	for _, seat := range []ats.TeamRole{ats.TeamRecruiter, ats.TeamHiringManager} {
		if v.User.Role.CanHoldSeat(seat) {
			values, labels = append(values, string(seat)), append(labels, label(string(seat)))
		}
	}
	return options(v.Form.Get("creator_role"), values, labels)
}

// handleJobNew shows the empty job form.
func (s *Server) handleJobNew(w http.ResponseWriter, r *http.Request) error {
	v := jobFormView{Base: s.base(r, "New job", "jobs"), Form: Form{Values: url.Values{
		"openings": {"1"}, "employment_type": {string(ats.EmploymentFullTime)}}}}
	if !ats.Allowed(v.User.Role, ats.TeamNone, ats.ActionCreateJob) {
		return ats.Errorf(ats.EFORBIDDEN, "You are not allowed to %s.", ats.ActionCreateJob.Describe())
	}
	if err := s.jobTemplates(r, &v); err != nil {
		return err
	}
	for _, t := range v.Templates {
		if t.IsDefault {
			v.Form.Values.Set("process_template_id", t.ID)
		}
	}
	return s.ok(w, r, "job_form", &v)
}

// jobTemplates loads the process templates a new job may copy.
func (s *Server) jobTemplates(r *http.Request, v *jobFormView) (err error) {
	v.Templates, err = s.svc.FindTemplates(r.Context())
	return err
}

// handleJobCreate creates a draft job and opens it.
func (s *Server) handleJobCreate(w http.ResponseWriter, r *http.Request) error {
	f, err := newForm(r)
	if err != nil {
		return err
	}
	in := ats.JobInput{Title: f.Get("title"), Description: f.Values.Get("description"),
		Location: jobLocation(f), EmploymentType: ats.EmploymentType(f.Get("employment_type")),
		Openings: jobOpenings(f), Availability: ats.Availability(f.Get("linkedin_availability")),
		TemplateID: f.Get("process_template_id"), CreatorRole: ats.TeamRole(f.Get("creator_role"))}
	j, err := s.svc.CreateJob(r.Context(), in)
	if f.Failed(err) && ats.ErrorCode(err) != ats.EFORBIDDEN {
		v := jobFormView{Base: s.base(r, "New job", "jobs"), Form: f}
		if err := s.jobTemplates(r, &v); err != nil {
			return err
		}
		s.render(w, r, f.Status(), "job_form", &v)
		return nil
	} else if err != nil {
		return err
	}
	return s.redirect(w, r, "/jobs/"+j.ID, "Job "+j.Number+" created as a draft.")
}

// jobLocation reads the location fields, named as the service reports
// their problems (location.city …).
func jobLocation(f Form) ats.Location {
	return ats.Location{City: f.Get("location.city"), Region: f.Get("location.region"),
		CountryCode: f.Get("location.country_code"), PostalCode: f.Get("location.postal_code")}
}

// jobOpenings reads the number of openings: blank is 0 (the service's
// default of 1 at creation) and anything that is not a whole number -1,
// so the service reports it with the other fields' problems.
func jobOpenings(f Form) int {
	raw := f.Get("openings")
	if raw == "" {
		return 0
	}
	n, err := strconv.Atoi(raw)
	if err != nil {
		return -1
	}
	return n
}

// handleJobEdit shows the form with the job's details.
func (s *Server) handleJobEdit(w http.ResponseWriter, r *http.Request) error {
	a, err := s.loadJob(r)
	if err != nil {
		return err
	}
	if err := a.require(ats.ActionEditJob); err != nil {
		return err
	}
	v := jobFormView{Base: s.base(r, "Edit "+a.Job.Title, "jobs"), Job: a.Job, Form: jobValues(a.Job)}
	return s.ok(w, r, "job_form", &v)
}

// jobValues fills the form with a job's details.
func jobValues(j *ats.Job) Form {
	return Form{Values: url.Values{"title": {j.Title}, "description": {j.Description},
		"location.city": {j.Location.City}, "location.region": {j.Location.Region},
		"location.country_code": {j.Location.CountryCode}, "location.postal_code": {j.Location.PostalCode},
		"employment_type": {string(j.EmploymentType)}, "openings": {strconv.Itoa(j.Openings)},
		"linkedin_availability": {string(j.Availability)}}}
}

// handleJobUpdate saves the job's details.
func (s *Server) handleJobUpdate(w http.ResponseWriter, r *http.Request) error {
	a, err := s.loadJob(r)
	if err != nil {
		return err
	}
	f, err := newForm(r)
	if err != nil {
		return err
	}
	title, desc, loc := f.Get("title"), f.Values.Get("description"), jobLocation(f)
	et, n := ats.EmploymentType(f.Get("employment_type")), jobOpenings(f)
	av := ats.Availability(f.Get("linkedin_availability"))
	_, err = s.svc.UpdateJob(r.Context(), a.Job.ID, ats.JobUpdate{Title: &title, Description: &desc,
		Location: &loc, EmploymentType: &et, Openings: &n, Availability: &av})
	if f.Failed(err) && ats.ErrorCode(err) != ats.EFORBIDDEN {
		v := jobFormView{Base: s.base(r, "Edit "+a.Job.Title, "jobs"), Job: a.Job, Form: f}
		s.render(w, r, f.Status(), "job_form", &v)
		return nil
	} else if err != nil {
		return err
	}
	return s.redirect(w, r, "/jobs/"+a.Job.ID, "Job saved.")
}
