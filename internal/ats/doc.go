// Package ats is the domain of Attractor: jobs and their hiring process,
// candidates, applications, notes, interview feedback, talent pools, users
// and the permission rules that govern them.
//
// It sits at the centre and imports no other package of the project. Storage
// implements the Store interface declared here; the JSON API and the web
// pages call Service, which enforces every rule (validation, permissions,
// state machines) before anything is written, so no handler can bypass them.
package ats
