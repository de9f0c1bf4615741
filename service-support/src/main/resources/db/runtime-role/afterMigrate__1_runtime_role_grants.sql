-- Run by Flyway as the schema owner after every migrate, only when the service runs as another
-- role (DATABASE_OWNER_USER set; docs/deploy-postgres.md). The runtime role ${runtime_role} may read
-- and write the rows of this schema's tables and draw numbers from its sequences, and nothing more:
-- no CREATE in the schema, no DDL on the tables (only their owner may), no TRUNCATE, REFERENCES or
-- TRIGGER, and no access to Flyway's history. All of it is set afresh at every start, so what a
-- migration added is covered and a privilege granted by hand is taken back. Default privileges
-- cover tables the owner creates later on (timeline-service's replay makes new read-model tables).
-- A service narrows this in a script of its own that runs after this one (afterMigrate__2_...).
DO $grants$
DECLARE
    runtime_role CONSTANT text := '${runtime_role}';
    target_schema CONSTANT text := '${flyway:defaultSchema}';
BEGIN
    IF runtime_role = current_user THEN
        RETURN;
    END IF;
    -- Before PostgreSQL 15 every role may create in the public schema; the owner stops that when it
    -- owns the schema (a schema owned by someone else keeps whatever its owner decided).
    IF (SELECT nspowner FROM pg_namespace WHERE nspname = target_schema) = (SELECT oid FROM pg_roles WHERE rolname = current_user) THEN
        EXECUTE format('REVOKE CREATE ON SCHEMA %I FROM PUBLIC', target_schema);
    END IF;
    EXECUTE format('REVOKE CREATE ON SCHEMA %I FROM %I', target_schema, runtime_role);
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', target_schema, runtime_role);

    EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM %I', target_schema, runtime_role);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO %I', target_schema, runtime_role);
    EXECUTE format('REVOKE ALL ON TABLE %I.%I FROM %I', target_schema, '${flyway:table}', runtime_role);
    EXECUTE format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA %I FROM %I', target_schema, runtime_role);
    EXECUTE format('GRANT USAGE ON ALL SEQUENCES IN SCHEMA %I TO %I', target_schema, runtime_role);

    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I',
                   target_schema, runtime_role);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE ON SEQUENCES TO %I', target_schema, runtime_role);
END
$grants$;
