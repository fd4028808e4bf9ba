package simstore

import (
	"context"
	"encoding/json"

	"attractor/internal/linkedinsim"
	"attractor/internal/linkedinsim/simstore/simdb"
)

// ListOrgCandidates returns every candidate an app synced to an
// organization, by atsCandidateId.
func (s *Store) ListOrgCandidates(ctx context.Context, appID, organizationID int64) ([]*linkedinsim.Candidate, error) {
	rows, err := s.read().ListSyncCandidatesByOrganization(ctx, simdb.ListSyncCandidatesByOrganizationParams{
		AppID: appID, OrganizationID: organizationID})
	if err != nil {
		return nil, wrap(err, "list candidates")
	}
	out := make([]*linkedinsim.Candidate, len(rows))
	for i, r := range rows {
		out[i] = &linkedinsim.Candidate{AppID: r.AppID, OrganizationID: r.OrganizationID, ATSCandidateID: r.AtsCandidateID,
			Body: json.RawMessage(r.Body), ManualMatchedMember: r.ManualMatchedMember.String,
			CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC()}
	}
	return out, nil
}

// ListCandidateApplications returns the applications naming a candidate,
// by atsJobApplicationId.
func (s *Store) ListCandidateApplications(ctx context.Context, candidate linkedinsim.RecordKey) ([]*linkedinsim.Application, error) {
	rows, err := s.read().ListSyncApplicationsByCandidate(ctx, simdb.ListSyncApplicationsByCandidateParams{
		AppID: candidate.AppID, OrganizationID: candidate.OrganizationID, AtsCandidateID: candidate.ID})
	if err != nil {
		return nil, wrap(err, "list candidate applications")
	}
	out := make([]*linkedinsim.Application, len(rows))
	for i, r := range rows {
		out[i] = &linkedinsim.Application{AppID: r.AppID, OrganizationID: r.OrganizationID, ATSJobApplicationID: r.AtsJobApplicationID,
			ATSCandidateID: r.AtsCandidateID, ATSJobPostingID: r.AtsJobPostingID, Body: json.RawMessage(r.Body),
			CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC()}
	}
	return out, nil
}
