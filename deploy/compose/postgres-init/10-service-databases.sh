#!/usr/bin/env bash
# docker-compose.yml's PostgreSQL, once, when its volume is new: a database per service with two
# login roles of its own (passwords from .env), so no service reaches another's data and none runs
# as the superuser (docs/deploy-postgres.md):
#   <service>      owns the database and its schema: the service's migrations (and timeline-service's
#                  replay) connect as it, and grant the runtime role below what it needs;
#   <service>_app  the role the service runs as: it may connect, and read and write rows once the
#                  migrations have granted it that, nothing more (no DDL, no TRUNCATE).
# A password changed in .env later needs ALTER ROLE ... PASSWORD (or a new volume): this script
# does not run again.
set -euo pipefail

create_service_database() {
  local name="$1" owner_password="$2" app_password="$3"
  # psql variables: :"name" is quoted as an identifier, :'owner_password' as a literal.
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
       --set name="$name" --set app="${name}_app" \
       --set owner_password="$owner_password" --set app_password="$app_password" <<'SQL'
CREATE ROLE :"name" LOGIN PASSWORD :'owner_password';
CREATE ROLE :"app" LOGIN PASSWORD :'app_password';
CREATE DATABASE :"name" OWNER :"name";
REVOKE ALL ON DATABASE :"name" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"name" TO :"app";
SQL
  # Inside the new database: the owner alone creates in its schema.
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$name" --set name="$name" <<'SQL'
ALTER SCHEMA public OWNER TO :"name";
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SQL
}

create_service_database incident_service "${INCIDENT_SERVICE_DB_OWNER_PASSWORD:?}" "${INCIDENT_SERVICE_DB_APP_PASSWORD:?}"
create_service_database timeline_service "${TIMELINE_SERVICE_DB_OWNER_PASSWORD:?}" "${TIMELINE_SERVICE_DB_APP_PASSWORD:?}"
create_service_database notification_service "${NOTIFICATION_SERVICE_DB_OWNER_PASSWORD:?}" "${NOTIFICATION_SERVICE_DB_APP_PASSWORD:?}"
