-- timeline-service's own copy of the event log and the read models derived from it.
-- Everything here can be thrown away and rebuilt from the Kafka topic (POST /api/v1/admin/replay).

-- Every event ever applied, exactly once: the event id is the dedup key, and
-- (incident_id, sequence) orders an incident's events and exposes gaps.
CREATE TABLE incident_event (
    event_id       VARCHAR(64)  NOT NULL,
    incident_id    VARCHAR(64)  NOT NULL,
    sequence       BIGINT       NOT NULL,
    event_type     VARCHAR(100) NOT NULL,
    occurred_at    TIMESTAMPTZ  NOT NULL,
    actor          VARCHAR(200),
    correlation_id VARCHAR(200),
    payload        TEXT         NOT NULL,
    CONSTRAINT incident_event_pk PRIMARY KEY (event_id),
    CONSTRAINT incident_event_incident_sequence_uk UNIQUE (incident_id, sequence)
);

-- One row per incident for listing and filtering; the full view is in state (JSON), its SLA
-- clocks (deadlines and where they stopped) in sla (JSON).
CREATE TABLE incident_summary (
    incident_id    VARCHAR(64)  NOT NULL,
    title          VARCHAR(500) NOT NULL,
    severity       VARCHAR(4)   NOT NULL,
    status         VARCHAR(16)  NOT NULL,
    services       TEXT[]       NOT NULL,
    declared_at    TIMESTAMPTZ  NOT NULL,
    last_sequence  BIGINT       NOT NULL,
    state          TEXT         NOT NULL,
    sla            TEXT         NOT NULL,
    -- the SLA clocks again, as columns, for breach counts in SQL (verdicts as of the last event)
    ack_deadline     TIMESTAMPTZ NOT NULL,
    ack_verdict      VARCHAR(10) NOT NULL,
    resolve_deadline TIMESTAMPTZ NOT NULL,
    resolve_verdict  VARCHAR(10) NOT NULL,
    CONSTRAINT incident_summary_pk PRIMARY KEY (incident_id)
);
CREATE INDEX incident_summary_declared_at_idx ON incident_summary (declared_at DESC, incident_id);
CREATE INDEX incident_summary_services_idx ON incident_summary USING GIN (services);

-- Sequence numbers an incident skipped: a lost or not-yet-arrived event. Cleared when it arrives.
CREATE TABLE sequence_gap (
    incident_id       VARCHAR(64) NOT NULL,
    missing_sequence  BIGINT      NOT NULL,
    detected_at       TIMESTAMPTZ NOT NULL,
    CONSTRAINT sequence_gap_pk PRIMARY KEY (incident_id, missing_sequence)
);

-- Records that could not be read, also published to incident-events.DLT.
CREATE TABLE dead_letter (
    id              BIGSERIAL    NOT NULL,
    topic           VARCHAR(255) NOT NULL,
    kafka_partition INTEGER      NOT NULL,
    kafka_offset    BIGINT       NOT NULL,
    record_key      TEXT,
    record_value    TEXT,
    error           TEXT         NOT NULL,
    failed_at       TIMESTAMPTZ  NOT NULL,
    CONSTRAINT dead_letter_pk PRIMARY KEY (id),
    CONSTRAINT dead_letter_record_uk UNIQUE (topic, kafka_partition, kafka_offset)
);
