-- Both SLA clocks start at detection, not declaration (SPEC 4): the level at declaration counts as
-- set at detected_at (the ack_/resolve_sevN_from of that level hold it), and tta_seconds and
-- ttr_seconds run from it. declared_at stays what a report's period selects by. Every row written
-- before this column existed is of events without a detection, whose detection is their declaration.
ALTER TABLE incident_sla ADD COLUMN detected_at TIMESTAMPTZ;
UPDATE incident_sla SET detected_at = declared_at;
ALTER TABLE incident_sla ALTER COLUMN detected_at SET NOT NULL;
