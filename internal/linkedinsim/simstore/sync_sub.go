package simstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"attractor/internal/linkedinsim"
	"attractor/internal/linkedinsim/simstore/simdb"
	"attractor/internal/sqldb"
)

// The sync writes' statement shape is chosen per engine (dependencies.md
// §5): SQLite runs a reused prepared single-row upsert per record, with no
// round trip to save; PostgreSQL runs one multi-row upsert per table for a
// batch (candidates, applications) or a group of batches (sub-records,
// group.go), since there each statement is a round trip and those
// dominate.

// maxSubRows bounds the rows of one multi-row statement (8 parameters
// each, well under PostgreSQL's 65,535).
const maxSubRows = 1000

// putSubRecords upserts recs in order in the transaction of q and tx.
func (s *Store) putSubRecords(ctx context.Context, q *simdb.Queries, tx *sql.Tx, recs []*linkedinsim.SubRecord) error {
	if s.db.Engine != sqldb.Postgres {
		return putSubRecordsEach(ctx, q, recs)
	}
	var notes, items []*linkedinsim.SubRecord
	for _, r := range recs {
		if r.Kind == linkedinsim.KindCandidateNote {
			notes = append(notes, r)
		} else {
			items = append(items, r)
		}
	}
	if err := upsertRows(ctx, tx, candidateNoteUpsert, noteRows(notes)); err != nil {
		return wrap(err, "upsert "+string(linkedinsim.KindCandidateNote))
	}
	return wrap(upsertRows(ctx, tx, applicationItemUpsert, itemRows(items)), "upsert application items")
}

// putSubRecordsEach upserts recs one statement each.
func putSubRecordsEach(ctx context.Context, q *simdb.Queries, recs []*linkedinsim.SubRecord) error {
	for _, r := range recs {
		var err error
		if r.Kind == linkedinsim.KindCandidateNote {
			err = q.UpsertSyncCandidateNote(ctx, simdb.UpsertSyncCandidateNoteParams{
				AppID: r.Parent.AppID, OrganizationID: r.Parent.OrganizationID, AtsCandidateID: r.Parent.ID, NoteID: r.ID,
				Body: string(r.Body), CreatedAt: sqldb.UTC(r.UpdatedAt)})
		} else {
			err = q.UpsertSyncApplicationItem(ctx, simdb.UpsertSyncApplicationItemParams{
				AppID: r.Parent.AppID, OrganizationID: r.Parent.OrganizationID, AtsJobApplicationID: r.Parent.ID, Kind: string(r.Kind),
				ItemID: r.ID, Body: string(r.Body), CreatedAt: sqldb.UTC(r.UpdatedAt)})
		}
		if err != nil {
			return wrap(err, "upsert "+string(r.Kind))
		}
	}
	return nil
}

// multiUpsert is an upsert whose VALUES list is built for the row count;
// the statements mirror UpsertSyncCandidateNote and
// UpsertSyncApplicationItem, with created_at and updated_at apart.
type multiUpsert struct {
	head, conflict string
	cols           int
}

var (
	candidateNoteUpsert = multiUpsert{
		head: "INSERT INTO sync_candidate_notes (app_id, organization_id, ats_candidate_id, note_id, body, " +
			"created_at, updated_at) VALUES ",
		conflict: " ON CONFLICT (app_id, organization_id, ats_candidate_id, note_id) DO UPDATE SET " +
			"body = excluded.body, updated_at = excluded.updated_at",
		cols: 7,
	}
	candidateUpsert = multiUpsert{
		head: "INSERT INTO sync_candidates (app_id, organization_id, ats_candidate_id, body, manual_matched_member, " +
			"created_at, updated_at) VALUES ",
		conflict: " ON CONFLICT (app_id, organization_id, ats_candidate_id) DO UPDATE SET body = excluded.body, " +
			"manual_matched_member = COALESCE(excluded.manual_matched_member, sync_candidates.manual_matched_member), " +
			"updated_at = excluded.updated_at",
		cols: 7,
	}
	applicationUpsert = multiUpsert{
		head: "INSERT INTO sync_applications (app_id, organization_id, ats_job_application_id, ats_candidate_id, " +
			"ats_job_posting_id, body, created_at, updated_at) VALUES ",
		conflict: " ON CONFLICT (app_id, organization_id, ats_job_application_id) DO UPDATE SET " +
			"ats_candidate_id = excluded.ats_candidate_id, ats_job_posting_id = excluded.ats_job_posting_id, " +
			"body = excluded.body, updated_at = excluded.updated_at",
		cols: 8,
	}
	applicationItemUpsert = multiUpsert{
		head: "INSERT INTO sync_application_items (app_id, organization_id, ats_job_application_id, kind, item_id, " +
			"body, created_at, updated_at) VALUES ",
		conflict: " ON CONFLICT (app_id, organization_id, ats_job_application_id, kind, item_id) DO UPDATE SET " +
			"body = excluded.body, updated_at = excluded.updated_at",
		cols: 8,
	}
)

// subRow is one row's key and column values.
type subRow struct {
	key  string
	args []any
}

func noteRows(recs []*linkedinsim.SubRecord) []subRow {
	rows := make([]subRow, len(recs))
	for i, r := range recs {
		at := sqldb.UTC(r.UpdatedAt)
		rows[i] = subRow{key: fmt.Sprint(r.Parent.AppID, r.Parent.OrganizationID, r.Parent.ID, r.ID),
			args: []any{r.Parent.AppID, r.Parent.OrganizationID, r.Parent.ID, r.ID, string(r.Body), at, at}}
	}
	return rows
}

func itemRows(recs []*linkedinsim.SubRecord) []subRow {
	rows := make([]subRow, len(recs))
	for i, r := range recs {
		at := sqldb.UTC(r.UpdatedAt)
		rows[i] = subRow{key: fmt.Sprint(r.Parent.AppID, r.Parent.OrganizationID, r.Parent.ID, r.Kind, r.ID),
			args: []any{r.Parent.AppID, r.Parent.OrganizationID, r.Parent.ID, string(r.Kind), r.ID, string(r.Body), at, at}}
	}
	return rows
}

func candidateRows(cs []*linkedinsim.Candidate) []subRow {
	rows := make([]subRow, len(cs))
	for i, c := range cs {
		at := sqldb.UTC(c.UpdatedAt)
		mmm := sql.NullString{String: c.ManualMatchedMember, Valid: c.ManualMatchedMember != ""}
		rows[i] = subRow{key: fmt.Sprint(c.AppID, c.OrganizationID, c.ATSCandidateID),
			args: []any{c.AppID, c.OrganizationID, c.ATSCandidateID, string(c.Body), mmm, at, at}}
	}
	return rows
}

func applicationRows(as []*linkedinsim.Application) []subRow {
	rows := make([]subRow, len(as))
	for i, a := range as {
		at := sqldb.UTC(a.UpdatedAt)
		rows[i] = subRow{key: fmt.Sprint(a.AppID, a.OrganizationID, a.ATSJobApplicationID),
			args: []any{a.AppID, a.OrganizationID, a.ATSJobApplicationID, a.ATSCandidateID, a.ATSJobPostingID,
				string(a.Body), at, at}}
	}
	return rows
}

// merged folds rows with the same key into one, as upserting them in
// order would leave it: the first one's creation time, the last one's
// body and update time. One statement may not upsert a row twice.
func merged(rows []subRow, cols int) []subRow {
	at := map[string]int{}
	var out []subRow
	for _, r := range rows {
		i, seen := at[r.key]
		if !seen {
			at[r.key] = len(out)
			out = append(out, r)
			continue
		}
		created := out[i].args[cols-2]
		out[i] = r
		out[i].args = append([]any(nil), r.args...)
		out[i].args[cols-2] = created
	}
	return out
}

// upsertRows runs u for rows, maxSubRows at a time.
func upsertRows(ctx context.Context, tx *sql.Tx, u multiUpsert, rows []subRow) error {
	rows = merged(rows, u.cols)
	for len(rows) > 0 {
		n := min(len(rows), maxSubRows)
		var sb strings.Builder
		sb.WriteString(u.head)
		args := make([]any, 0, n*u.cols)
		for i, r := range rows[:n] {
			if i > 0 {
				sb.WriteByte(',')
			}
			sb.WriteByte('(')
			for c := range u.cols {
				if c > 0 {
					sb.WriteByte(',')
				}
				fmt.Fprintf(&sb, "$%d", len(args)+c+1)
			}
			sb.WriteByte(')')
			args = append(args, r.args...)
		}
		sb.WriteString(u.conflict)
		if _, err := tx.ExecContext(ctx, sb.String(), args...); err != nil {
			return err
		}
		rows = rows[n:]
	}
	return nil
}
