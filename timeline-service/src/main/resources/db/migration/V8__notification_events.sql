-- What notification-service actually did about each incident, copied from notification-events
-- (SPEC 2): levels told, messages delivered, failing, parked or put back in line, status-page
-- posts. Each event once: ce_id is the dedup key (stable across the publisher's re-sends). Read
-- per incident, in time order, for the post-mortem's communications and escalations, the
-- timeline and the room; rebuilt from the topic by a replay like the incident events.
CREATE TABLE notification_event (
    event_id       VARCHAR(64)  NOT NULL,
    incident_id    VARCHAR(64)  NOT NULL,
    event_type     VARCHAR(100) NOT NULL,
    occurred_at    TIMESTAMPTZ  NOT NULL,
    payload        TEXT         NOT NULL,
    CONSTRAINT notification_event_pk PRIMARY KEY (event_id)
);
CREATE INDEX notification_event_incident_idx ON notification_event (incident_id, occurred_at, event_id);
