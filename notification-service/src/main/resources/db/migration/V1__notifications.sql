-- notification-service's own copy of the events it has handled, what it knows of each incident,
-- every message it has to send (the delivery log) and the public status page entries.

CREATE TABLE incident_event (
    event_id    VARCHAR(64)  NOT NULL,
    incident_id VARCHAR(64)  NOT NULL,
    sequence    BIGINT       NOT NULL,
    event_type  VARCHAR(100) NOT NULL,
    occurred_at TIMESTAMPTZ  NOT NULL,
    actor       VARCHAR(200),
    payload     TEXT         NOT NULL,
    CONSTRAINT incident_event_pk PRIMARY KEY (event_id),
    CONSTRAINT incident_event_incident_sequence_uk UNIQUE (incident_id, sequence)
);

-- What templates are rendered from: the incident as its events say it stands (JSON).
CREATE TABLE incident_state (
    incident_id VARCHAR(64) NOT NULL,
    severity    VARCHAR(4)  NOT NULL,
    declared_at TIMESTAMPTZ NOT NULL,
    resolved_at TIMESTAMPTZ,
    state       TEXT        NOT NULL,
    CONSTRAINT incident_state_pk PRIMARY KEY (incident_id)
);

-- One row per (event, channel, recipient), written in the transaction that applies the event:
-- a redelivered record, a replay or a restart can never make a second one, so nothing is sent twice.
CREATE TABLE delivery (
    id              BIGSERIAL    NOT NULL,
    event_id        VARCHAR(64)  NOT NULL,
    incident_id     VARCHAR(64)  NOT NULL,
    channel         VARCHAR(20)  NOT NULL,
    recipient       VARCHAR(500) NOT NULL,
    template        VARCHAR(50)  NOT NULL,
    subject         VARCHAR(500) NOT NULL,
    body            TEXT         NOT NULL,
    status          VARCHAR(10)  NOT NULL,
    attempts        INTEGER      NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ  NOT NULL,
    last_error      TEXT,
    created_at      TIMESTAMPTZ  NOT NULL,
    sent_at         TIMESTAMPTZ,
    CONSTRAINT delivery_pk PRIMARY KEY (id),
    CONSTRAINT delivery_event_channel_recipient_uk UNIQUE (event_id, channel, recipient)
);
CREATE INDEX delivery_due_idx ON delivery (status, next_attempt_at);
CREATE INDEX delivery_incident_idx ON delivery (incident_id, id);

-- The public status page: what was posted, when, in which phase. No people, no root causes.
CREATE TABLE status_entry (
    id          BIGSERIAL   NOT NULL,
    event_id    VARCHAR(64) NOT NULL,
    incident_id VARCHAR(64) NOT NULL,
    phase       VARCHAR(20) NOT NULL,
    message     TEXT        NOT NULL,
    posted_at   TIMESTAMPTZ NOT NULL,
    CONSTRAINT status_entry_pk PRIMARY KEY (id),
    CONSTRAINT status_entry_event_uk UNIQUE (event_id)
);
CREATE INDEX status_entry_incident_idx ON status_entry (incident_id, posted_at);

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
