package simdb

// InsertMemberSQL is the text of the generated InsertMember query, exported
// so simstore's bulk loader can prepare it once per batch on SQLite and keep
// one source of truth for the column list. (Hand-written; sqlc leaves files
// it did not generate alone.)
const InsertMemberSQL = insertMember
