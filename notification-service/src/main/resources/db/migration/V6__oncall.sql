-- On-call schedules (README "On-call schedules"): every change is an event appended here and
-- never changed or removed, so who held a level at any past moment can always be answered.
-- Writers append under an advisory lock, one transaction at a time, so rows become visible in
-- seq order and a reader may load only the rows after the last seq it has.
CREATE TABLE oncall_event (
    seq         bigserial   PRIMARY KEY,
    type        text        NOT NULL,
    schedule_id text        NULL,
    payload     jsonb       NOT NULL,
    recorded_at timestamptz NOT NULL,
    recorded_by text        NOT NULL
);

CREATE INDEX oncall_event_schedule_idx ON oncall_event (schedule_id, seq);

CREATE FUNCTION oncall_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'oncall_event is append-only: % refused', TG_OP;
END
$$;

CREATE TRIGGER oncall_event_append_only
    BEFORE UPDATE OR DELETE ON oncall_event
    FOR EACH ROW EXECUTE FUNCTION oncall_event_is_append_only();

CREATE TRIGGER oncall_event_no_truncate
    BEFORE TRUNCATE ON oncall_event
    FOR EACH STATEMENT EXECUTE FUNCTION oncall_event_is_append_only();
