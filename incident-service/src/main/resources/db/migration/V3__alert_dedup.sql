-- Which incident an alert stream (integration + dedup key) feeds. At most one open row per
-- stream, enforced by the database, so concurrent identical triggers open one incident only.
CREATE TABLE alert_incident (
    id          BIGSERIAL    NOT NULL,
    integration VARCHAR(100) NOT NULL,
    dedup_key   VARCHAR(255) NOT NULL,
    incident_id VARCHAR(64)  NOT NULL,
    opened_at   TIMESTAMPTZ  NOT NULL,
    closed_at   TIMESTAMPTZ,
    CONSTRAINT alert_incident_pk PRIMARY KEY (id)
);
CREATE UNIQUE INDEX alert_incident_open_uk ON alert_incident (integration, dedup_key) WHERE closed_at IS NULL;
CREATE INDEX alert_incident_incident_idx ON alert_incident (incident_id);
