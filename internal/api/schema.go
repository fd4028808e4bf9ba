package api

import (
	"reflect"
	"strings"
	"time"
	"unicode"

	"attractor/internal/ats"
)

// schemaBuilder derives JSON Schemas from Go wire types by reflection,
// reading the same json tags encoding/json reads. Structs become named
// components, referenced where used.
type schemaBuilder struct {
	schemas  obj
	types    map[string]reflect.Type
	enums    map[reflect.Type][]string
	required map[reflect.Type][]string
}

func newSchemaBuilder() *schemaBuilder {
	return &schemaBuilder{schemas: obj{}, types: map[string]reflect.Type{},
		enums: enumValues(), required: requiredFields()}
}

// enumValues lists the allowed values of the domain's string types, which
// reflection cannot discover.
func enumValues() map[reflect.Type][]string {
	return map[reflect.Type][]string{
		typeOf[ats.Role]():              strs(ats.Roles...),
		typeOf[ats.JobStatus]():         strs(ats.JobDraft, ats.JobActive, ats.JobClosed),
		typeOf[ats.CloseReason]():       strs(ats.CloseFilled, ats.CloseCancelled),
		typeOf[ats.Availability]():      strs(ats.AvailabilityPublic, ats.AvailabilityPrivate),
		typeOf[ats.TeamRole]():          strs(ats.TeamHiringManager, ats.TeamRecruiter, ats.TeamInterviewer),
		typeOf[ats.ApplicationStatus](): strs(ats.AppActive, ats.AppRejected, ats.AppHired, ats.AppWithdrawn),
		typeOf[ats.PhaseKind]():         strs(ats.PhaseProspect, ats.PhaseApplication, ats.PhaseOffer, ats.PhaseCustom),
		typeOf[ats.SubjectKind]():       strs(ats.SubjectCandidate, ats.SubjectApplication),
		typeOf[ats.PoolKind]():          strs(ats.PoolUser, ats.PoolSystem),
		typeOf[ats.Recommendation]():    strs(ats.RecStrongNo, ats.RecNo, ats.RecNeutral, ats.RecYes, ats.RecStrongYes),
		typeOf[ats.InterviewType]():     strs(ats.InterviewPhoneScreen, ats.InterviewOnsite, ats.InterviewVideo, ats.InterviewOther),
		typeOf[ats.EntityKind]():        strs(ats.EntityJob, ats.EntityCandidate, ats.EntityApplication),
		typeOf[ats.EmploymentType](): strs(ats.EmploymentFullTime, ats.EmploymentPartTime, ats.EmploymentContract,
			ats.EmploymentTemporary, ats.EmploymentInternship, ats.EmploymentVolunteer, ats.EmploymentOther),
	}
}

// requiredFields names the fields a request must carry; the service
// reports each missing one with a 422. Response types list none, so
// clients stay free to ignore fields.
func requiredFields() map[reflect.Type][]string {
	return map[reflect.Type][]string{
		typeOf[loginInput]():               {"email", "password"},
		typeOf[ats.UserInput]():            {"email", "name", "role", "password"},
		typeOf[ats.JobInput]():             {"title"},
		typeOf[candidateInput]():           {"first_name", "last_name"},
		typeOf[ats.ApplicationInput]():     {"candidate_id", "job_id"},
		typeOf[closeInput]():               {"reason"},
		typeOf[moveInput]():                {"phase_id"},
		typeOf[rejectInput]():              {"reason"},
		typeOf[noteInput]():                {"text"},
		typeOf[teamBody]():                 {"members"},
		typeOf[ats.TeamMember]():           {"user_id", "role"},
		typeOf[feedbackInput]():            {"interview_type", "recommendation"},
		typeOf[ats.Evaluation]():           {"attribute", "result"},
		typeOf[ats.ProcessTemplateInput](): {"name"},
		typeOf[ats.TalentPoolInput]():      {"name"},
	}
}

func typeOf[T any]() reflect.Type { return reflect.TypeFor[T]() }

func strs[S ~string](values ...S) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = string(v)
	}
	return out
}

// funcPC returns the code address of a handler, for operationID.
func funcPC(h handlerFunc) uintptr { return reflect.ValueOf(h).Pointer() }

// schemaOf returns the schema of v's type.
func (b *schemaBuilder) schemaOf(v any) obj { return b.schema(reflect.TypeOf(v)) }

// schema maps a Go type to a JSON Schema the way encoding/json encodes it.
func (b *schemaBuilder) schema(t reflect.Type) obj {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if values, ok := b.enums[t]; ok {
		return obj{"type": "string", "enum": values}
	}
	switch t.Kind() {
	case reflect.String:
		return obj{"type": "string"}
	case reflect.Bool:
		return obj{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return obj{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return obj{"type": "number"}
	case reflect.Slice, reflect.Array:
		return obj{"type": "array", "items": b.schema(t.Elem())}
	case reflect.Map:
		return obj{"type": "object", "additionalProperties": b.schema(t.Elem())}
	case reflect.Struct:
		if t == typeOf[time.Time]() {
			return obj{"type": "string", "format": "date-time"}
		}
		return b.ref(t)
	}
	return obj{}
}

// ref registers t as a component (once) and points to it.
func (b *schemaBuilder) ref(t reflect.Type) obj {
	name := schemaName(t)
	if prev, ok := b.types[name]; ok && prev != t {
		panic("api: two wire types share the schema name " + name)
	}
	if _, ok := b.types[name]; !ok {
		b.types[name] = t
		b.schemas[name] = b.object(t)
	}
	return obj{"$ref": "#/components/schemas/" + name}
}

// schemaName is the Go type name with its first letter capitalised, so
// unexported request types read like the exported ones.
func schemaName(t reflect.Type) string {
	r := []rune(t.Name())
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// object describes a struct's JSON fields, embedded structs inlined.
func (b *schemaBuilder) object(t reflect.Type) obj {
	props := obj{}
	b.fields(t, props)
	o := obj{"type": "object", "properties": props}
	if req := b.required[t]; len(req) > 0 {
		o["required"] = req
	}
	return o
}

func (b *schemaBuilder) fields(t reflect.Type, props obj) {
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch {
		case name == "-" || !f.IsExported():
			continue
		case f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct:
			b.fields(f.Type, props)
			continue
		case name == "":
			name = f.Name
		}
		props[name] = b.schema(f.Type)
	}
}

// listOf registers the list envelope of item's type and points to it.
func (b *schemaBuilder) listOf(item any) obj {
	t := reflect.TypeOf(item)
	name := schemaName(t) + "List"
	if _, ok := b.schemas[name]; !ok {
		b.schemas[name] = obj{"type": "object", "required": []string{"items", "total", "limit", "offset"},
			"properties": obj{"items": obj{"type": "array", "items": b.schema(t)},
				"total":  obj{"type": "integer", "description": "Items across all pages."},
				"limit":  obj{"type": "integer", "description": "Page size applied."},
				"offset": obj{"type": "integer", "description": "Items skipped."}}}
	}
	return obj{"$ref": "#/components/schemas/" + name}
}

// enumOf returns the enum schema of the domain type with the given name.
func (b *schemaBuilder) enumOf(name string) obj {
	for t, values := range b.enums {
		if t.Name() == name {
			return obj{"type": "string", "enum": values}
		}
	}
	return obj{"type": "string"}
}

// components returns the reusable parts: the schemas collected so far,
// the error body every failure shares, and the two ways to authenticate.
func (b *schemaBuilder) components() obj {
	b.schemas["Error"] = errorSchema()
	return obj{
		"schemas": b.schemas,
		"responses": obj{"Error": obj{"description": "An error; error.code says which kind.",
			"content": jsonContent(obj{"$ref": "#/components/schemas/Error"})}},
		"securitySchemes": obj{
			"bearerToken":   obj{"type": "http", "scheme": "bearer", "description": "An API token from POST /api/v1/tokens."},
			"sessionCookie": obj{"type": "apiKey", "in": "cookie", "name": "attractor_session"},
		},
	}
}

// errorSchema is the error body, with the closed list of codes.
func errorSchema() obj {
	codes := []string{codeBadRequest, ats.EINVALID, ats.ENOTFOUND, ats.ECONFLICT, ats.EUNAUTHORIZED,
		ats.EFORBIDDEN, ats.ETOOLARGE, codeMethodNotAllowed, ats.EINTERNAL}
	detail := obj{"type": "object", "required": []string{"code", "message"}, "properties": obj{
		"code":    obj{"type": "string", "enum": codes},
		"message": obj{"type": "string", "description": "A sentence for people."},
		"fields": obj{"type": "object", "additionalProperties": obj{"type": "string"},
			"description": "The problem with each wrong field, keyed by its name in the request."},
	}}
	return obj{"type": "object", "required": []string{"error"}, "properties": obj{"error": detail}}
}
