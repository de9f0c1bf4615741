-- After service-support's grants (afterMigrate__1_...), as the schema owner, when the service runs as
-- another role: oncall_event is append-only (V6; its triggers refuse UPDATE, DELETE and TRUNCATE to
-- everyone), so the runtime role ${runtime_role} may only read and append to it.
DO $append_only$
BEGIN
    IF '${runtime_role}' <> current_user THEN
        EXECUTE format('REVOKE UPDATE, DELETE ON TABLE oncall_event FROM %I', '${runtime_role}');
    END IF;
END
$append_only$;
