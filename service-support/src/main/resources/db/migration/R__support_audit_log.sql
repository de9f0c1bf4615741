-- The audit log every service keeps in its own database (service-support's AuditLog): what is
-- not an event (logins refused, roles denied, replays, dead-letter retries, token and integration
-- changes). A repeatable migration shipped with service-support, so all three services share one
-- definition; it must stay re-runnable (IF NOT EXISTS) and change only by adding.
CREATE TABLE IF NOT EXISTS audit_log (
    id          BIGSERIAL    PRIMARY KEY,
    at          TIMESTAMPTZ  NOT NULL,
    actor       VARCHAR(200) NOT NULL,
    action      VARCHAR(60)  NOT NULL,
    target      VARCHAR(300),
    detail      VARCHAR(1000),
    address     VARCHAR(100)
);
CREATE INDEX IF NOT EXISTS audit_log_at_idx ON audit_log (at DESC);
CREATE INDEX IF NOT EXISTS audit_log_actor_idx ON audit_log (actor, at DESC);
CREATE INDEX IF NOT EXISTS audit_log_action_idx ON audit_log (action, at DESC);
