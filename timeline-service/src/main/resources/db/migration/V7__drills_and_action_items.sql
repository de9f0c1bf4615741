-- A drill (IncidentDeclared.drill: the plan's simulations) is shown as any incident, marked, but
-- left out of SLA reports, breaches, what-if and the breach metric: it has no incident_sla row,
-- and its summary says drill, so no count over the summaries takes it in.
ALTER TABLE incident_summary ADD COLUMN drill BOOLEAN NOT NULL DEFAULT FALSE;

-- Each incident's action items still OPEN: how many, and the earliest due date among them (null
-- when none has one), so the overdue items across incidents are found without reading every view.
ALTER TABLE incident_summary ADD COLUMN open_action_items INTEGER NOT NULL DEFAULT 0;
ALTER TABLE incident_summary ADD COLUMN open_action_items_due DATE;
CREATE INDEX incident_summary_open_action_items_due_idx ON incident_summary (open_action_items_due)
    WHERE open_action_items_due IS NOT NULL;

-- Drills an earlier version applied as real incidents: their declaration says so.
UPDATE incident_summary s SET drill = TRUE
    FROM incident_event e
    WHERE e.incident_id = s.incident_id AND e.event_type = 'IncidentDeclared'
      AND (e.payload::jsonb ->> 'drill') = 'true';
UPDATE incident_summary SET state = jsonb_set(state::jsonb, '{drill}', 'true'::jsonb)::text WHERE drill;
DELETE FROM incident_sla f USING incident_summary s WHERE s.incident_id = f.incident_id AND s.drill;

-- Action items an earlier version applied: it kept no status, so each counts as open until its
-- incident's next event (or a replay) re-derives the summary.
UPDATE incident_summary SET
    open_action_items = (SELECT count(*) FROM jsonb_array_elements(state::jsonb -> 'actionItems')),
    open_action_items_due = (SELECT min((item ->> 'dueDate')::date) FROM jsonb_array_elements(state::jsonb -> 'actionItems') item)
    WHERE jsonb_typeof(state::jsonb -> 'actionItems') = 'array';
