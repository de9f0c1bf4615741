-- Events are told in each incident's sequence order. notify_progress says how far an incident's
-- events have been told; an event past a gap waits (received_at says since when) until the gap
-- fills or has waited long enough.
ALTER TABLE incident_event ADD COLUMN received_at TIMESTAMPTZ NOT NULL DEFAULT now();
-- The gap check looks at recent arrivals only.
CREATE INDEX incident_event_received_idx ON incident_event (received_at);

CREATE TABLE notify_progress (
    incident_id      VARCHAR(64) NOT NULL,
    notified_through BIGINT      NOT NULL,
    CONSTRAINT notify_progress_pk PRIMARY KEY (incident_id)
);

-- Everything stored before this migration was told already.
INSERT INTO notify_progress (incident_id, notified_through)
SELECT incident_id, max(sequence) FROM incident_event GROUP BY incident_id;
