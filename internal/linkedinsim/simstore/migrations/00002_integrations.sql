-- ATS integrations (rsc-api.md §3.3–§3.4, §4, §6.1): what a customer asked
-- for in the onboarding widget, how the partner named and configured it,
-- whether a Recruiter admin enabled it, and the push notifications that
-- tell the partner's callback about it. Same portable subset as 00001.
-- Every reference cascades, so ResetWorld's deletes of apps, contracts and
-- organizations also clear these tables.

-- +goose Up

-- One row per (child app, integration context, integration type): the
-- Rest.li key of atsIntegrations without its constant parts (tenantType is
-- always RECRUITER, dataProvider always ATS). organization_id is the
-- context's organization (for CSA_API the contract's); contract_id is set
-- only for contract-context rows. status follows the life cycle
-- REQUESTED → PARTNER_READY → ENABLED → DISABLED (rsc-api.md §7).
CREATE TABLE integrations (
    app_id              BIGINT NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    integration_context TEXT NOT NULL,
    integration_type    TEXT NOT NULL,
    organization_id     BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    contract_id         BIGINT REFERENCES contracts (id) ON DELETE CASCADE,
    name                TEXT NOT NULL,
    status              TEXT NOT NULL
        CHECK (status IN ('REQUESTED', 'PARTNER_READY', 'ENABLED', 'DISABLED')),
    requested_at        TIMESTAMP NOT NULL,
    enabled_at          TIMESTAMP,
    updated_at          TIMESTAMP NOT NULL,
    PRIMARY KEY (app_id, integration_context, integration_type)
);
-- The gate looks integrations up by context on every data write.
CREATE INDEX integrations_context_idx ON integrations (integration_context, app_id);

-- atsIntegrations/{key}/configurations: CALLBACK_URL, JOB_POSTING_VIEWERS,
-- APPLICATION_VIEWERS with their string value (rsc-api.md §3.4).
CREATE TABLE integration_configurations (
    app_id              BIGINT NOT NULL,
    integration_context TEXT NOT NULL,
    integration_type    TEXT NOT NULL,
    config_key          TEXT NOT NULL,
    config_value        TEXT NOT NULL,
    updated_at          TIMESTAMP NOT NULL,
    PRIMARY KEY (app_id, integration_context, integration_type, config_key),
    FOREIGN KEY (app_id, integration_context, integration_type)
        REFERENCES integrations (app_id, integration_context, integration_type) ON DELETE CASCADE
);
-- A CALLBACK_URL may serve only one customer (rsc-api.md §4): found by value.
CREATE INDEX integration_configurations_value_idx ON integration_configurations (config_key, config_value);

-- Integration requests: the member's request in the onboarding widget
-- (kind REQUEST) and every status change LinkedIn pushes (kind
-- STATUS_CHANGE). id is the requestId of the q=request finder and of the
-- push body. actor is who caused it: a person URN (widget), a seat URN
-- (admin enable/disable) or the app URN (partner ready).
CREATE TABLE integration_requests (
    id              TEXT PRIMARY KEY,
    app_id          BIGINT NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    kind            TEXT NOT NULL CHECK (kind IN ('REQUEST', 'STATUS_CHANGE')),
    status          TEXT NOT NULL,
    level           TEXT NOT NULL,
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    contract_id     BIGINT REFERENCES contracts (id) ON DELETE CASCADE,
    actor           TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    expires_at      TIMESTAMP NOT NULL
);
CREATE INDEX integration_requests_app_idx ON integration_requests (app_id, created_at);

-- The integrations a request concerns, in the order they were listed.
CREATE TABLE integration_request_items (
    request_id          TEXT NOT NULL REFERENCES integration_requests (id) ON DELETE CASCADE,
    position            BIGINT NOT NULL,
    integration_context TEXT NOT NULL,
    integration_type    TEXT NOT NULL,
    PRIMARY KEY (request_id, position)
);

-- Push notification outbox (rsc-api.md §4): written in the same
-- transaction as the change it reports, delivered by the push worker,
-- retried with backoff until the callback answers 2xx. body is the exact
-- JSON that is signed and sent; notification_id is its "id".
CREATE TABLE push_notifications (
    id              TEXT PRIMARY KEY,
    app_id          BIGINT NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    event_type      TEXT NOT NULL,
    notification_id TEXT NOT NULL,
    body            TEXT NOT NULL,
    attempts        BIGINT NOT NULL,
    next_attempt_at TIMESTAMP NOT NULL,
    delivered_at    TIMESTAMP,
    created_at      TIMESTAMP NOT NULL
);
CREATE INDEX push_notifications_due_idx ON push_notifications (delivered_at, next_attempt_at);
CREATE INDEX push_notifications_app_idx ON push_notifications (app_id, created_at);

-- Every delivery attempt: where it went and what came back (status 0 when
-- there was no HTTP answer; error empty on 2xx).
CREATE TABLE push_attempts (
    push_id      TEXT NOT NULL REFERENCES push_notifications (id) ON DELETE CASCADE,
    attempt      BIGINT NOT NULL,
    attempted_at TIMESTAMP NOT NULL,
    callback_url TEXT NOT NULL,
    status_code  BIGINT NOT NULL,
    error        TEXT NOT NULL,
    PRIMARY KEY (push_id, attempt)
);

-- +goose Down
DROP TABLE push_attempts;
DROP TABLE push_notifications;
DROP TABLE integration_request_items;
DROP TABLE integration_requests;
DROP TABLE integration_configurations;
DROP TABLE integrations;
