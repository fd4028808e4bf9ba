-- +goose Up
CREATE TABLE things (
    id         TEXT PRIMARY KEY,
    email      TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    payload    BYTEA,
    active     BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE thing_notes (
    id       TEXT PRIMARY KEY,
    thing_id TEXT NOT NULL REFERENCES things (id),
    body     TEXT NOT NULL
);

-- +goose Down
DROP TABLE thing_notes;
DROP TABLE things;
