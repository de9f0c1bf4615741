-- What notification-service did about incidents, on its way to the topic notification-events
-- (SPEC 2). A row is written in the transaction that records what it reports (a message marked
-- sent, failing, parked or due again; a status post), so nothing is published that did not
-- happen and nothing that happened is lost. One publisher at a time sends the rows in id order
-- and stamps published_at once the broker has acknowledged them; published rows are deleted
-- after notifications.outbox.keep-published.
--
-- event_id:   the record's ce_id, chosen once here: a row sent again (a crash between the
--             broker's acknowledgement and published_at) carries the same id, so consumers
--             drop the copy.
-- event_type: the record's ce_type (notification.<Name>.v<revision>).
-- payload:    the event as JSON (EventJson), the record's value.
-- event_time: the record's ce_time, the event's own time exactly as its JSON has it (ISO-8601 UTC,
--             to the nanosecond: a TIMESTAMPTZ would cut it to microseconds).
CREATE TABLE notification_outbox (
    id           BIGSERIAL    NOT NULL,
    event_id     UUID         NOT NULL,
    incident_id  VARCHAR(64)  NOT NULL,
    event_type   VARCHAR(100) NOT NULL,
    payload      TEXT         NOT NULL,
    event_time   VARCHAR(40)  NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    published_at TIMESTAMPTZ,
    CONSTRAINT notification_outbox_pk PRIMARY KEY (id),
    CONSTRAINT notification_outbox_event_uk UNIQUE (event_id)
);
-- The publisher's batch and the backlog: only what is still to be sent.
CREATE INDEX notification_outbox_unpublished_idx ON notification_outbox (id) WHERE published_at IS NULL;
-- Clearing out what was published long enough ago.
CREATE INDEX notification_outbox_published_idx ON notification_outbox (published_at) WHERE published_at IS NOT NULL;
