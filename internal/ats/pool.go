package ats

import "time"

// PoolKind distinguishes pools users make from those the system owns.
type PoolKind string

// Pool kinds. System pools (such as "LinkedIn", which holds InMail stub
// profiles) cannot be renamed or deleted.
const (
	PoolUser   PoolKind = "user"
	PoolSystem PoolKind = "system"
)

// TalentPool is a named set of candidates, owned by a user and shared with
// contributors.
type TalentPool struct {
	ID           string    `json:"id"`
	Name         string    `json:"name"`
	Description  string    `json:"description"`
	Kind         PoolKind  `json:"kind"`
	OwnerID      string    `json:"owner_id,omitempty"`
	Contributors []string  `json:"contributor_ids"`
	MemberCount  int       `json:"member_count"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// TalentPoolInput creates a pool.
type TalentPoolInput struct {
	Name         string   `json:"name"`
	Description  string   `json:"description"`
	Contributors []string `json:"contributor_ids"`
}

// PoolMember is a candidate in a pool.
type PoolMember struct {
	PoolID      string    `json:"pool_id"`
	CandidateID string    `json:"candidate_id"`
	AddedBy     string    `json:"added_by"`
	AddedAt     time.Time `json:"added_at"`
}

// LinkedInPoolName is the name of the system pool for InMail stub profiles.
const LinkedInPoolName = "LinkedIn"
