package simstore

import (
	"context"
	"database/sql"

	"attractor/internal/linkedinsim"
	"attractor/internal/linkedinsim/simstore/simdb"
	"attractor/internal/sqldb"
)

// CreateExport inserts an export and its push notification in one
// transaction, normalising its time.
func (s *Store) CreateExport(ctx context.Context, e *linkedinsim.ExportedCandidate, push *linkedinsim.PushNotification) error {
	return s.update(ctx, func(q *simdb.Queries, _ *sql.Tx) error {
		e.ExportedAt = sqldb.UTC(e.ExportedAt)
		err := q.InsertExportedCandidate(ctx, simdb.InsertExportedCandidateParams{RequestID: e.RequestID,
			AppID: e.AppID, OrganizationID: e.OrganizationID, ContractID: e.ContractID, SeatID: e.SeatID,
			ExporterPersonUrn: e.ExporterPersonURN, MemberID: e.MemberID, PersonUrn: e.PersonURN,
			FirstName: e.FirstName, LastName: e.LastName, Headline: e.Headline, Company: e.Company,
			Title: e.Title, Location: e.Location, ProfileUrl: e.ProfileURL,
			ExternalJobPostingID: e.ExternalJobPostingID, JobTitle: e.JobTitle, ExportedAt: e.ExportedAt})
		if err != nil {
			return wrap(err, "insert exported candidate")
		}
		return insertPush(ctx, q, push)
	})
}

// FindExport returns one export by request id.
func (s *Store) FindExport(ctx context.Context, requestID string) (*linkedinsim.ExportedCandidate, error) {
	row, err := s.read().GetExportedCandidate(ctx, requestID)
	if err != nil {
		return nil, lookup(err, "Exported candidate", "get exported candidate")
	}
	return exportFrom(row), nil
}

// ListExports returns an app's exports, oldest first.
func (s *Store) ListExports(ctx context.Context, appID int64) ([]*linkedinsim.ExportedCandidate, error) {
	rows, err := s.read().ListExportedCandidatesByApp(ctx, appID)
	if err != nil {
		return nil, wrap(err, "list exported candidates")
	}
	out := make([]*linkedinsim.ExportedCandidate, len(rows))
	for i, r := range rows {
		out[i] = exportFrom(r)
	}
	return out, nil
}

func exportFrom(r simdb.ExportedCandidate) *linkedinsim.ExportedCandidate {
	return &linkedinsim.ExportedCandidate{RequestID: r.RequestID, AppID: r.AppID, OrganizationID: r.OrganizationID,
		ContractID: r.ContractID, SeatID: r.SeatID, ExporterPersonURN: r.ExporterPersonUrn, MemberID: r.MemberID,
		PersonURN: r.PersonUrn, FirstName: r.FirstName, LastName: r.LastName, Headline: r.Headline,
		Company: r.Company, Title: r.Title, Location: r.Location, ProfileURL: r.ProfileUrl,
		ExternalJobPostingID: r.ExternalJobPostingID, JobTitle: r.JobTitle, ExportedAt: r.ExportedAt.UTC()}
}
