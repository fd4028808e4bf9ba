package web

import (
	"net/http"

	"attractor/internal/ats"
)

// userPageSize is how many users the users tab lists per page.
const userPageSize = 50

// adminRoleChoices are the roles an admin may give, in the order the
// forms list them.
func adminRoleChoices() []ats.Role {
	return []ats.Role{ats.RoleAdmin, ats.RoleRecruiter, ats.RoleHiringManager, ats.RoleInterviewer, ats.RoleReadOnly}
}

// adminOnly refuses the admin pages to everyone but admins. The service
// checks each change too; this keeps read-only admin pages (which list
// users any signed-in user may list through the API) for admins.
func adminOnly(r *http.Request) error {
	u := ats.UserFromContext(r.Context())
	if u == nil || u.Role != ats.RoleAdmin {
		return ats.Errorf(ats.EFORBIDDEN, "Only admins can open the admin settings.")
	}
	return nil
}

// adminView is the admin overview: one link per tab.
type adminView struct {
	Base
	Tab string
}

// handleAdmin shows the admin overview.
func (s *Server) handleAdmin(w http.ResponseWriter, r *http.Request) error {
	if err := adminOnly(r); err != nil {
		return err
	}
	v := adminView{Base: s.base(r, "Admin settings", "admin")}
	return s.ok(w, r, "admin", &v)
}

// userIndexView is the users tab: the list and the form adding a user.
type userIndexView struct {
	Base
	Tab   string
	Users []*ats.User
	Pager Pager
	Form  Form
}

// Roles are the role choices of the form.
func (v *userIndexView) Roles() []ats.Role { return adminRoleChoices() }

// handleUserIndex lists users with the form to add one.
func (s *Server) handleUserIndex(w http.ResponseWriter, r *http.Request) error {
	v, err := s.userIndex(r, Form{})
	if err != nil {
		return err
	}
	return s.ok(w, r, "admin_users", v)
}

// userIndex builds the users tab around form f.
func (s *Server) userIndex(r *http.Request, f Form) (*userIndexView, error) {
	if err := adminOnly(r); err != nil {
		return nil, err
	}
	p, err := pageOf(r, userPageSize)
	if err != nil {
		return nil, err
	}
	users, total, p, err := findPage(p, func(p ats.Page) ([]*ats.User, int, error) {
		return s.svc.FindUsers(r.Context(), ats.UserFilter{Page: p})
	})
	if err != nil {
		return nil, err
	}
	return &userIndexView{Base: s.base(r, "Users and roles", "admin"), Tab: "users", Users: users,
		Pager: newPager(r, p, len(users), total), Form: f}, nil
}

// handleUserCreate adds a user; a failed submit shows the list again with
// the form's input and problems.
func (s *Server) handleUserCreate(w http.ResponseWriter, r *http.Request) error {
	if err := adminOnly(r); err != nil {
		return err
	}
	f, err := newForm(r)
	if err != nil {
		return err
	}
	u, err := s.svc.CreateUser(r.Context(), ats.UserInput{Email: f.Get("email"), Name: f.Get("name"),
		Role: ats.Role(f.Get("role")), Password: f.Values.Get("password")})
	if f.Failed(err) {
		f.Values.Del("password")
		v, verr := s.userIndex(r, f)
		if verr != nil {
			return verr
		}
		s.render(w, r, f.Status(), "admin_users", v)
		return nil
	} else if err != nil {
		return err
	}
	return s.redirect(w, r, "/admin/users/"+u.ID, "Added "+u.Name+".")
}

// userEditView is one user's page: details, role, access and password.
type userEditView struct {
	Base
	Tab     string
	Subject *ats.User
	// Form is the failed form's input and problems; Op says which of the
	// page's forms it belongs to.
	Form Form
	Op   string
}

// Roles are the role choices of the form.
func (v *userEditView) Roles() []ats.Role { return adminRoleChoices() }

// IsSelf reports whether the page is the signed-in admin's own account,
// which they can neither demote nor disable.
func (v *userEditView) IsSelf() bool { return v.User != nil && v.User.ID == v.Subject.ID }

// RoleSelected reports whether role is the one the role select shows.
func (v *userEditView) RoleSelected(role ats.Role) bool {
	if v.Op == "profile" {
		return v.Form.Has("role", string(role))
	}
	return v.Subject.Role == role
}

// NameValue is the name field's value: the failed input, else the user's.
func (v *userEditView) NameValue() string {
	if v.Op == "profile" {
		return v.Form.Values.Get("name")
	}
	return v.Subject.Name
}

// ErrOf returns the problem of field name when the failed form is op.
func (v *userEditView) ErrOf(op, name string) string {
	if v.Op != op {
		return ""
	}
	return v.Form.Err(name)
}

// MessageOf is the failed form's message when it is op.
func (v *userEditView) MessageOf(op string) string {
	if v.Op != op {
		return ""
	}
	return v.Form.Message
}

// handleUserEdit shows one user's page.
func (s *Server) handleUserEdit(w http.ResponseWriter, r *http.Request) error {
	v, err := s.userEdit(r, Form{}, "")
	if err != nil {
		return err
	}
	return s.ok(w, r, "admin_user", v)
}

// userEdit builds a user's page around the failed form f of op.
func (s *Server) userEdit(r *http.Request, f Form, op string) (*userEditView, error) {
	if err := adminOnly(r); err != nil {
		return nil, err
	}
	u, err := s.svc.FindUserByID(r.Context(), r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	return &userEditView{Base: s.base(r, u.Name, "admin"), Tab: "users", Subject: u, Form: f, Op: op}, nil
}

// handleUserUpdate applies one of the user page's forms, named by op:
// profile (name and role), disable, enable or password.
func (s *Server) handleUserUpdate(w http.ResponseWriter, r *http.Request) error {
	if err := adminOnly(r); err != nil {
		return err
	}
	f, err := newForm(r)
	if err != nil {
		return err
	}
	op := f.Get("op")
	upd, msg, err := userUpdateOf(f, op)
	if err != nil {
		return err
	}
	u, err := s.svc.UpdateUser(r.Context(), r.PathValue("id"), upd)
	if f.Failed(err) {
		f.Values.Del("password")
		v, verr := s.userEdit(r, f, op)
		if verr != nil {
			return verr
		}
		s.render(w, r, f.Status(), "admin_user", v)
		return nil
	} else if err != nil {
		return err
	}
	return s.redirect(w, r, "/admin/users/"+u.ID, msg+" "+u.Name+".")
}

// userUpdateOf turns the submitted form op into the change and the flash
// message's verb.
func userUpdateOf(f Form, op string) (ats.UserUpdate, string, error) {
	var upd ats.UserUpdate
	switch op {
	case "profile":
		name, role := f.Get("name"), ats.Role(f.Get("role"))
		upd.Name, upd.Role = &name, &role
		return upd, "Saved", nil
	case "disable", "enable":
		off := op == "disable"
		upd.Disabled = &off
		return upd, label(op) + "d", nil
	case "password":
		pw := f.Values.Get("password")
		upd.Password = &pw
		return upd, "Set a new password for", nil
	}
	return upd, "", ats.Errorf(ats.EINVALID, "The form could not be read.")
}
