-- Alert integrations created at run time through the admin API (configured ones live in YAML).
-- The key itself is shown once and never stored: only its SHA-256, which is what a sender's key
-- is looked up by. A revoked integration stays for the record; its name may be used again.
CREATE TABLE integration (
    id              VARCHAR(36)  NOT NULL,
    name            VARCHAR(100) NOT NULL,
    key_sha256      CHAR(64)     NOT NULL,
    default_service VARCHAR(100) NOT NULL,
    auto_resolve    BOOLEAN      NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    created_by      VARCHAR(255) NOT NULL,
    revoked_at      TIMESTAMPTZ,
    revoked_by      VARCHAR(255),
    CONSTRAINT integration_pk PRIMARY KEY (id),
    CONSTRAINT integration_key_uk UNIQUE (key_sha256)
);
CREATE UNIQUE INDEX integration_active_name_uk ON integration (name) WHERE revoked_at IS NULL;
