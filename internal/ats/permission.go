package ats

// Action is something a user may or may not do. The permission matrix below
// (attract-model.md §1.4) decides, from the user's system role and their
// seat on the job's hiring team, whether it is allowed.
type Action int

// Actions, grouped by what they touch.
const (
	ActionViewJob Action = iota
	ActionCreateJob
	ActionEditJob // details, hiring team, process
	ActionActivateJob
	ActionCloseJob
	ActionDeleteJob // hiring managers only while the job has no applications
	ActionViewApplication
	ActionAddApplicant
	ActionAddProspect
	ActionMoveApplication
	ActionRejectApplication
	ActionDeleteApplication
	ActionWriteApplicationNote
	ActionAddFeedback
	ActionViewAllFeedback
	ActionViewCandidate
	ActionEditCandidate // create, edit, delete candidates and their notes
	ActionViewPool
	ActionCreatePool
	ActionManageUsers
	ActionViewTemplates
	ActionManageTemplates
	// ActionManageIntegration is the LinkedIn admin page: connect and
	// configure the integration, see and retry sync failures. Admins only,
	// viewing included, so it is listed with the writes below.
	ActionManageIntegration
	actionCount
)

var actionText = [actionCount]string{
	ActionViewJob:              "view this job",
	ActionCreateJob:            "create jobs",
	ActionEditJob:              "edit this job",
	ActionActivateJob:          "activate this job",
	ActionCloseJob:             "close this job",
	ActionDeleteJob:            "delete this job",
	ActionViewApplication:      "view this application",
	ActionAddApplicant:         "add applicants to this job",
	ActionAddProspect:          "add prospects to this job",
	ActionMoveApplication:      "move applications of this job",
	ActionRejectApplication:    "reject applications of this job",
	ActionDeleteApplication:    "delete applications of this job",
	ActionWriteApplicationNote: "write notes on applications of this job",
	ActionAddFeedback:          "submit interview feedback on this job",
	ActionViewAllFeedback:      "view all interview feedback of this job",
	ActionViewCandidate:        "view candidates",
	ActionEditCandidate:        "change candidates",
	ActionViewPool:             "view talent pools",
	ActionCreatePool:           "create talent pools",
	ActionManageUsers:          "manage users",
	ActionViewTemplates:        "view process templates",
	ActionManageTemplates:      "manage process templates",
	ActionManageIntegration:    "manage the LinkedIn integration",
}

// Describe returns the action as a verb phrase for error messages.
func (a Action) Describe() string {
	if a < 0 || a >= actionCount {
		return "do this"
	}
	return actionText[a]
}

// writes lists the actions that change data; a read-only user never may.
var writes = map[Action]bool{
	ActionCreateJob: true, ActionEditJob: true, ActionActivateJob: true, ActionCloseJob: true,
	ActionDeleteJob: true, ActionAddApplicant: true, ActionAddProspect: true,
	ActionMoveApplication: true, ActionRejectApplication: true, ActionDeleteApplication: true,
	ActionWriteApplicationNote: true, ActionAddFeedback: true, ActionEditCandidate: true,
	ActionCreatePool: true, ActionManageUsers: true, ActionManageTemplates: true,
	ActionManageIntegration: true,
}

// systemActions are decided by the system role alone: the user's seat on a
// hiring team adds nothing to them.
var systemActions = map[Role][]Action{
	RoleRecruiter:     {ActionViewJob, ActionCreateJob, ActionViewCandidate, ActionEditCandidate, ActionViewPool, ActionCreatePool, ActionViewTemplates},
	RoleHiringManager: {ActionViewJob, ActionCreateJob, ActionViewCandidate, ActionEditCandidate, ActionViewPool, ActionCreatePool, ActionViewTemplates},
	RoleInterviewer:   {},
}

// teamActions are granted by a seat on the job's hiring team, whatever the
// system role (Attract keeps team seats when a system role is removed).
var teamActions = map[TeamRole][]Action{
	TeamRecruiter: {ActionViewJob, ActionEditJob, ActionActivateJob, ActionCloseJob, ActionDeleteJob,
		ActionViewApplication, ActionAddApplicant, ActionAddProspect, ActionMoveApplication,
		ActionRejectApplication, ActionDeleteApplication, ActionWriteApplicationNote,
		ActionAddFeedback, ActionViewAllFeedback},
	TeamHiringManager: {ActionViewJob, ActionEditJob, ActionActivateJob, ActionDeleteJob,
		ActionViewApplication, ActionAddApplicant, ActionAddProspect, ActionMoveApplication,
		ActionWriteApplicationNote, ActionAddFeedback, ActionViewAllFeedback},
	TeamInterviewer: {ActionViewJob, ActionViewApplication, ActionAddFeedback},
}

// Allowed reports whether a user with the system role sys, holding the seat
// team on the job concerned (TeamNone when not on it, or for actions not tied
// to a job), may perform a. Conditions beyond the matrix, such as "hiring
// managers delete only jobs without applications", are checked by Service.
func Allowed(sys Role, team TeamRole, a Action) bool {
	switch sys {
	case RoleAdmin:
		return true
	case RoleReadOnly:
		return !writes[a]
	}
	return contains(systemActions[sys], a) || contains(teamActions[team], a)
}

func contains(list []Action, a Action) bool {
	for _, x := range list {
		if x == a {
			return true
		}
	}
	return false
}
