// Package queue runs background tasks durably in the application's own
// database: enqueue a task with a JSON payload, and a Handler registered for
// that task runs it, retrying failures with backoff, until it succeeds, is
// cancelled or runs out of attempts. Every schedules periodic tasks.
//
// # Why River
//
// The queue is a thin layer over River (github.com/riverqueue/river). A job
// table and a poller look like a few hundred lines, but a correct one also
// needs leases and the rescue of jobs left running by a crashed process,
// exponential backoff with jitter, uniqueness that holds under concurrent
// inserts, leader election so that two replicas do not both schedule the
// periodic sync, snoozing for a partner's Retry-After, graceful stop, and
// pruning of finished rows. River does all of that, keeps its state in tables
// next to ours (so a job survives a restart and is visible to SQL), and speaks
// both engines: riverpgxv5 on PostgreSQL and riversqlite on SQLite.
//
// Callers never import River. The API is task names and []byte payloads, so
// River stays an implementation detail that could be swapped, and the River
// client's type parameter (*sql.Tx on SQLite, pgx.Tx on PostgreSQL) does not
// leak into the rest of the application.
//
// # Why one job args type
//
// River identifies job types by Go types (a JobArgs with a Kind). Giving each
// task its own Go type would force callers to import River to declare them.
// Instead every job has the kind "attractor_task" and the args
// {"task": name, "payload": …}, and one River worker dispatches on the task
// name to the Handler registered with Handle. Uniqueness is by the whole args
// value, so two jobs collide only when both the task and the payload match.
// A job whose task has no handler is cancelled with an error naming the task,
// rather than retried 25 times.
//
// # Engines
//
// On PostgreSQL the queue uses the sqldb.DB's pgx pool; new jobs are noticed
// at once through LISTEN/NOTIFY, and River's tables live in the connection's
// current schema (the first entry of search_path), which is how tests isolate
// themselves. On SQLite it uses the single writer connection (db.Write), as
// River's SQLite driver requires; idle workers poll every
// Options.PollInterval. Because that connection is shared with the
// application, a Handler may run its own write transaction on db.Write, but
// must not call Enqueue while it holds one: the insert would wait for the
// connection the transaction is holding.
package queue
