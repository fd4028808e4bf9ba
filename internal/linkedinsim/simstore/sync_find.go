package simstore

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"attractor/internal/linkedinsim"
	"attractor/internal/linkedinsim/simstore/simdb"
	"attractor/internal/sqldb"
)

// A sync call first reads the stored records of its batch (up to 100
// keys). One statement per key made the reads, not the write, the cost
// of a call on PostgreSQL, where each is a round trip and a pool acquire;
// findByKeys reads them with one statement per organization instead. The
// columns are those of the generated Get… queries, scanned in their order.

// maxFindIDs bounds the ids of one IN list (a sync batch is at most 100).
const maxFindIDs = 100

// keyFinder reads one table's rows by RecordKey.
type keyFinder[T any] struct {
	head string // SELECT … FROM … WHERE app_id = $1 AND organization_id = $2 AND id_col IN (
	scan func(*sql.Rows) (T, error)
	id   func(T) string
}

// find returns the rows of keys, aligned with them (nil when missing).
func find[T any, R any](ctx context.Context, s *Store, f keyFinder[T], keys []linkedinsim.RecordKey, conv func(T) *R) ([]*R, error) {
	out := make([]*R, len(keys))
	type scope struct{ app, org int64 }
	slots := map[scope]map[string][]int{}
	var order []scope
	for i, k := range keys {
		sc := scope{k.AppID, k.OrganizationID}
		m := slots[sc]
		if m == nil {
			m = map[string][]int{}
			slots[sc] = m
			order = append(order, sc)
		}
		m[k.ID] = append(m[k.ID], i)
	}
	db := s.db.CachedDB(s.db.Read)
	for _, sc := range order {
		m := slots[sc]
		ids := make([]string, 0, len(m))
		for id := range m {
			ids = append(ids, id)
		}
		for len(ids) > 0 {
			n := min(len(ids), maxFindIDs)
			var sb strings.Builder
			sb.WriteString(f.head)
			args := make([]any, 0, n+2)
			args = append(args, sc.app, sc.org)
			for i, id := range ids[:n] {
				if i > 0 {
					sb.WriteByte(',')
				}
				sb.WriteByte('$')
				sb.WriteString(strconv.Itoa(i + 3))
				args = append(args, id)
			}
			sb.WriteByte(')')
			if err := scanRows(ctx, db, sb.String(), args, func(rows *sql.Rows) error {
				r, err := f.scan(rows)
				if err != nil {
					return err
				}
				rec := conv(r)
				for _, i := range m[f.id(r)] {
					if out[i] == nil {
						out[i] = rec
					} else { // a duplicate key gets its own copy
						c := *rec
						out[i] = &c
					}
				}
				return nil
			}); err != nil {
				return nil, err
			}
			ids = ids[n:]
		}
	}
	return out, nil
}

// scanRows runs query and calls each for every row.
func scanRows(ctx context.Context, db sqldb.Querier, query string, args []any, each func(*sql.Rows) error) error {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := each(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

var jobFinder = keyFinder[simdb.SyncJob]{
	head: "SELECT app_id, organization_id, external_job_posting_id, job_posting_id, title, availability, state, body, created_at, updated_at" +
		" FROM sync_jobs WHERE app_id = $1 AND organization_id = $2 AND external_job_posting_id IN (",
	scan: func(rows *sql.Rows) (simdb.SyncJob, error) {
		var i simdb.SyncJob
		err := rows.Scan(&i.AppID, &i.OrganizationID, &i.ExternalJobPostingID, &i.JobPostingID, &i.Title,
			&i.Availability, &i.State, &i.Body, &i.CreatedAt, &i.UpdatedAt)
		return i, err
	},
	id: func(r simdb.SyncJob) string { return r.ExternalJobPostingID },
}

var candidateFinder = keyFinder[simdb.SyncCandidate]{
	head: "SELECT app_id, organization_id, ats_candidate_id, body, manual_matched_member, created_at, updated_at" +
		" FROM sync_candidates WHERE app_id = $1 AND organization_id = $2 AND ats_candidate_id IN (",
	scan: func(rows *sql.Rows) (simdb.SyncCandidate, error) {
		var i simdb.SyncCandidate
		err := rows.Scan(&i.AppID, &i.OrganizationID, &i.AtsCandidateID, &i.Body, &i.ManualMatchedMember,
			&i.CreatedAt, &i.UpdatedAt)
		return i, err
	},
	id: func(r simdb.SyncCandidate) string { return r.AtsCandidateID },
}

var applicationFinder = keyFinder[simdb.SyncApplication]{
	head: "SELECT app_id, organization_id, ats_job_application_id, ats_candidate_id, ats_job_posting_id, body, created_at, updated_at" +
		" FROM sync_applications WHERE app_id = $1 AND organization_id = $2 AND ats_job_application_id IN (",
	scan: func(rows *sql.Rows) (simdb.SyncApplication, error) {
		var i simdb.SyncApplication
		err := rows.Scan(&i.AppID, &i.OrganizationID, &i.AtsJobApplicationID, &i.AtsCandidateID, &i.AtsJobPostingID,
			&i.Body, &i.CreatedAt, &i.UpdatedAt)
		return i, err
	},
	id: func(r simdb.SyncApplication) string { return r.AtsJobApplicationID },
}
