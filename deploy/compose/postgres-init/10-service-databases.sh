#!/usr/bin/env bash
# docker-compose.yml's PostgreSQL, once, when its volume is new: a database per service, owned by
# the service's own login role (passwords from .env), so no service reaches another's data and
# none runs as the superuser. A password changed in .env later needs ALTER ROLE ... PASSWORD (or a
# new volume): this script does not run again.
set -euo pipefail

create_service_database() {
  local name="$1" password="$2"
  # psql variables: :"name" is quoted as an identifier, :'password' as a literal.
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
       --set name="$name" --set password="$password" <<'SQL'
CREATE ROLE :"name" LOGIN PASSWORD :'password';
CREATE DATABASE :"name" OWNER :"name";
REVOKE ALL ON DATABASE :"name" FROM PUBLIC;
SQL
}

create_service_database incident_service "${INCIDENT_SERVICE_DB_PASSWORD:?}"
create_service_database timeline_service "${TIMELINE_SERVICE_DB_PASSWORD:?}"
create_service_database notification_service "${NOTIFICATION_SERVICE_DB_PASSWORD:?}"
