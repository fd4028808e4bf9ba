package ats

import "time"

// JobStatus is where a job is in its life: Draft → Active → Closed.
type JobStatus string

// Job statuses.
const (
	JobDraft  JobStatus = "draft"
	JobActive JobStatus = "active"
	JobClosed JobStatus = "closed"
)

// CloseReason says why a job was closed.
type CloseReason string

// Close reasons. Filled needs a hired application.
const (
	CloseFilled    CloseReason = "filled"
	CloseCancelled CloseReason = "cancelled"
)

// Availability is how LinkedIn shows the job: PUBLIC to every seat of the
// contract, PRIVATE only to the job's hiring team.
type Availability string

// LinkedIn availabilities.
const (
	AvailabilityPublic  Availability = "PUBLIC"
	AvailabilityPrivate Availability = "PRIVATE"
)

// EmploymentType follows LinkedIn's values, so jobs sync without mapping.
type EmploymentType string

// Employment types.
const (
	EmploymentFullTime   EmploymentType = "FULL_TIME"
	EmploymentPartTime   EmploymentType = "PART_TIME"
	EmploymentContract   EmploymentType = "CONTRACT"
	EmploymentTemporary  EmploymentType = "TEMPORARY"
	EmploymentInternship EmploymentType = "INTERNSHIP"
	EmploymentVolunteer  EmploymentType = "VOLUNTEER"
	EmploymentOther      EmploymentType = "OTHER"
)

var employmentTypes = []EmploymentType{EmploymentFullTime, EmploymentPartTime, EmploymentContract,
	EmploymentTemporary, EmploymentInternship, EmploymentVolunteer, EmploymentOther}

// Location is where the job is; LinkedIn needs at least a city and a
// country.
type Location struct {
	City        string `json:"city"`
	Region      string `json:"region"`
	CountryCode string `json:"country_code"`
	PostalCode  string `json:"postal_code"`
}

// Job is a job opening with its own copy of a hiring process.
type Job struct {
	ID             string         `json:"id"`
	Number         string         `json:"number"`
	Title          string         `json:"title"`
	Description    string         `json:"description"`
	Location       Location       `json:"location"`
	EmploymentType EmploymentType `json:"employment_type"`
	Openings       int            `json:"openings"`
	Availability   Availability   `json:"linkedin_availability"`
	Status         JobStatus      `json:"status"`
	CloseReason    CloseReason    `json:"close_reason,omitempty"`
	TemplateID     string         `json:"process_template_id"`
	CreatedBy      string         `json:"created_by"`
	CreatedAt      time.Time      `json:"created_at"`
	UpdatedAt      time.Time      `json:"updated_at"`
	ActivatedAt    *time.Time     `json:"activated_at,omitempty"`
	ClosedAt       *time.Time     `json:"closed_at,omitempty"`
}

// JobInput is what a client supplies to create a job. CreatorRole is the
// seat the creator takes on the hiring team (hiring manager or recruiter);
// TemplateID empty means the default template.
type JobInput struct {
	Title          string         `json:"title"`
	Description    string         `json:"description"`
	Location       Location       `json:"location"`
	EmploymentType EmploymentType `json:"employment_type"`
	Openings       int            `json:"openings"`
	Availability   Availability   `json:"linkedin_availability"`
	TemplateID     string         `json:"process_template_id"`
	CreatorRole    TeamRole       `json:"creator_role"`
}

// JobUpdate changes a job's details; nil fields stay as they are. Phases,
// when given, replaces the job's process and is accepted only while Draft.
type JobUpdate struct {
	Title          *string         `json:"title"`
	Description    *string         `json:"description"`
	Location       *Location       `json:"location"`
	EmploymentType *EmploymentType `json:"employment_type"`
	Openings       *int            `json:"openings"`
	Availability   *Availability   `json:"linkedin_availability"`
	Phases         *[]Phase        `json:"phases"`
}

// JobFilter selects jobs. Query matches the title or the job number.
type JobFilter struct {
	Status JobStatus
	Query  string
	// MemberID, when set, keeps only jobs on whose hiring team the user
	// holds a seat (interviewers see just those).
	MemberID string
	// MemberRoles, with MemberID, keeps only jobs where that seat is one
	// of these (e.g. hiring manager or recruiter: the seats that may add
	// candidates), so a page learns the seats in one query instead of
	// reading each job's team. Empty: any seat.
	MemberRoles []TeamRole
	Page
}

// TeamRole is a seat on a job's hiring team. TeamNone means no seat.
type TeamRole string

// Team roles.
const (
	TeamNone          TeamRole = ""
	TeamHiringManager TeamRole = "hiring_manager"
	TeamRecruiter     TeamRole = "recruiter"
	TeamInterviewer   TeamRole = "interviewer"
)

// TeamMember is one seat on a hiring team. A user holds at most one seat.
type TeamMember struct {
	UserID string   `json:"user_id"`
	Role   TeamRole `json:"role"`
	Name   string   `json:"name,omitempty"`
	Email  string   `json:"email,omitempty"`
}

// JobCounts is the number of a job's applications (any status) by phase id.
type JobCounts map[string]int

// Limits on job fields.
const (
	MaxTitle       = 200
	MaxDescription = 100_000
	MaxOpenings    = 10_000
)

func (in *JobInput) validate(p Problems) {
	in.Title = cleanLine(in.Title)
	checkText(p, "title", in.Title, MaxTitle, true)
	checkText(p, "description", in.Description, MaxDescription, false)
	in.Location.validate(p)
	if in.EmploymentType == "" {
		in.EmploymentType = EmploymentFullTime
	}
	checkEmployment(p, in.EmploymentType)
	if in.Openings == 0 {
		in.Openings = 1
	}
	checkOpenings(p, in.Openings)
	if in.Availability == "" {
		in.Availability = AvailabilityPublic
	}
	checkAvailability(p, in.Availability)
	if in.CreatorRole == TeamNone {
		in.CreatorRole = TeamRecruiter
	}
	if in.CreatorRole != TeamRecruiter && in.CreatorRole != TeamHiringManager {
		p.Add("creator_role", "Creator role must be hiring_manager or recruiter.")
	}
}

func (l *Location) validate(p Problems) {
	l.City, l.Region = cleanLine(l.City), cleanLine(l.Region)
	l.PostalCode = cleanLine(l.PostalCode)
	checkText(p, "location.city", l.City, 100, false)
	checkText(p, "location.region", l.Region, 100, false)
	checkText(p, "location.postal_code", l.PostalCode, 20, false)
	l.CountryCode = upperASCII(cleanLine(l.CountryCode))
	if l.CountryCode != "" && !isCountryCode(l.CountryCode) {
		p.Add("location.country_code", "Country code must be two letters (ISO 3166-1), such as US or DE.")
	}
}

func checkEmployment(p Problems, t EmploymentType) {
	for _, x := range employmentTypes {
		if t == x {
			return
		}
	}
	p.Add("employment_type", "Employment type must be one of FULL_TIME, PART_TIME, CONTRACT, TEMPORARY, INTERNSHIP, VOLUNTEER, OTHER.")
}

func checkOpenings(p Problems, n int) {
	if n < 1 || n > MaxOpenings {
		p.Add("openings", "Number of openings must be between 1 and 10000.")
	}
}

func checkAvailability(p Problems, a Availability) {
	if a != AvailabilityPublic && a != AvailabilityPrivate {
		p.Add("linkedin_availability", "LinkedIn availability must be PUBLIC or PRIVATE.")
	}
}

// apply validates u and copies its changes onto j.
func (u JobUpdate) apply(j *Job, p Problems) {
	if u.Title != nil {
		j.Title = cleanLine(*u.Title)
		checkText(p, "title", j.Title, MaxTitle, true)
	}
	if u.Description != nil {
		j.Description = *u.Description
		checkText(p, "description", j.Description, MaxDescription, false)
	}
	if u.Location != nil {
		j.Location = *u.Location
		j.Location.validate(p)
	}
	if u.EmploymentType != nil {
		j.EmploymentType = *u.EmploymentType
		checkEmployment(p, j.EmploymentType)
	}
	if u.Openings != nil {
		j.Openings = *u.Openings
		checkOpenings(p, j.Openings)
	}
	if u.Availability != nil {
		j.Availability = *u.Availability
		checkAvailability(p, j.Availability)
	}
}
