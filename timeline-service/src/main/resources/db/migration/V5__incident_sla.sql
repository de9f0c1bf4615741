-- Each incident's SLA facts (SlaFacts): when each severity level was first set while each clock
-- ran, and where the clocks stopped. They do not depend on the targets, so an SLA report under
-- any targets (the configured ones, a what-if) is one query over these narrow rows, never over
-- the events. Kept by the projection with the summary; rows of incidents applied before this
-- table existed are derived at startup (SlaFactsBackfill).
CREATE TABLE incident_sla (
    incident_id         VARCHAR(64)  NOT NULL,
    title               VARCHAR(500) NOT NULL,
    services            TEXT[]       NOT NULL,
    declared_at         TIMESTAMPTZ  NOT NULL,
    severity_declared   VARCHAR(4)   NOT NULL,
    severity_highest    VARCHAR(4)   NOT NULL,
    severity_current    VARCHAR(4)   NOT NULL,
    -- when each level was first set while the acknowledge clock ran (null: not set then)
    ack_sev1_from       TIMESTAMPTZ,
    ack_sev2_from       TIMESTAMPTZ,
    ack_sev3_from       TIMESTAMPTZ,
    ack_sev4_from       TIMESTAMPTZ,
    -- when each level was first set before the final resolution (every level so far while open)
    resolve_sev1_from   TIMESTAMPTZ,
    resolve_sev2_from   TIMESTAMPTZ,
    resolve_sev3_from   TIMESTAMPTZ,
    resolve_sev4_from   TIMESTAMPTZ,
    ack_stopped_at      TIMESTAMPTZ,
    resolved_at         TIMESTAMPTZ,
    first_ack_at        TIMESTAMPTZ,
    first_mitigation_at TIMESTAMPTZ,
    -- TTA and TTR in whole seconds (from first_ack_at and resolved_at), what the percentiles sort
    tta_seconds         BIGINT,
    ttr_seconds         BIGINT,
    CONSTRAINT incident_sla_pk PRIMARY KEY (incident_id)
);
CREATE INDEX incident_sla_declared_at_idx ON incident_sla (declared_at);
-- A group's breaches in declaration order: read from the start of the period until enough are found.
CREATE INDEX incident_sla_declared_level_idx ON incident_sla (severity_declared, declared_at);
CREATE INDEX incident_sla_highest_level_idx ON incident_sla (severity_highest, declared_at);

-- Incidents applied before this table existed get their rows at the next start, in the background
-- (SlaFactsBackfill), which deletes this row when done: with no row, a start does nothing for it.
CREATE TABLE sla_facts_backfill (
    pending BOOLEAN NOT NULL,
    CONSTRAINT sla_facts_backfill_pk PRIMARY KEY (pending)
);
INSERT INTO sla_facts_backfill (pending) SELECT TRUE WHERE EXISTS (SELECT 1 FROM incident_summary);
