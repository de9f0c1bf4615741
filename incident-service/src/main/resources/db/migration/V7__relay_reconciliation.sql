-- What the Kafka relay has published, and how far the reconciler has compared it with the event
-- store (package relay, review M3): an event whose transaction commits after the relay gave up on
-- its gap in global_index would otherwise never be published.

-- One row per aggregate, written by the relay in the transaction that stores its token. A
-- publication counts only when its sequence number is above max_sequence (a copy sent again
-- counts once), so the record is complete when published_count = max_sequence + 1. first_sequence
-- is the first sequence number the relay recorded: above 0 for an aggregate whose start was
-- published before records were kept (or lost; the reconciler tells which).
CREATE TABLE relay_progress (
    aggregate_identifier VARCHAR(255) NOT NULL,
    first_sequence       BIGINT       NOT NULL,
    max_sequence         BIGINT       NOT NULL,
    published_count      BIGINT       NOT NULL,
    CONSTRAINT relay_progress_pk PRIMARY KEY (aggregate_identifier)
);
-- The few records the reconciler has to look at, found without reading the others.
CREATE INDEX relay_progress_incomplete_idx ON relay_progress (aggregate_identifier)
    WHERE published_count <> max_sequence + 1;

-- The reconciler's own state, one row.
--  unrecorded_through: events at or below this position were published before records were kept.
--  checked_through:    every event at or below this position has been compared with the records.
--  settling_through / settling_since: the next position to compare up to, once every transaction
--                      that was open at settling_since has ended (so no event at or below it can
--                      still appear).
CREATE TABLE relay_reconciliation (
    id                 SMALLINT    NOT NULL,
    unrecorded_through BIGINT      NOT NULL,
    checked_through    BIGINT      NOT NULL,
    settling_through   BIGINT,
    settling_since     TIMESTAMPTZ,
    CONSTRAINT relay_reconciliation_pk PRIMARY KEY (id),
    CONSTRAINT relay_reconciliation_one_row_ck CHECK (id = 1)
);

-- Records start where the relay stands now: below its lowest unfinished position (its token, or
-- the first gap it still waits for). Without a readable relay token, at the newest stored event.
INSERT INTO relay_reconciliation (id, unrecorded_through, checked_through)
SELECT 1, start.position, start.position
FROM (SELECT COALESCE(
        (SELECT min(LEAST((relay.token ->> 'index')::BIGINT,
                          COALESCE((SELECT min(gap::BIGINT) - 1 FROM jsonb_array_elements_text(relay.token -> 'gaps') gap),
                                   (relay.token ->> 'index')::BIGINT)))
         FROM (SELECT convert_from(token, 'UTF8')::jsonb AS token FROM token_entry
               WHERE processor_name = 'kafka-relay' AND token IS NOT NULL
                 AND token_type = 'org.axonframework.eventhandling.GapAwareTrackingToken') relay),
        (SELECT max(global_index) FROM domain_event_entry),
        0) AS position) start;
