-- API tokens issued at run time by an ADMIN (package apitoken). Only the token's SHA-256 is kept:
-- the token itself is shown once, in the answer that creates it (32 random bytes, so an unsalted
-- hash is enough). Revoked rows stay: the list shows them, and every token's state on the
-- compacted api-tokens topic can be rebuilt from this table at any start.
CREATE TABLE api_token (
    id           VARCHAR(36)  NOT NULL,
    name         VARCHAR(100) NOT NULL,
    role         VARCHAR(20)  NOT NULL,
    sha256       CHAR(64)     NOT NULL,
    created_by   VARCHAR(200) NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    expires_at   TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ,
    revoked_by   VARCHAR(200),
    last_used_at TIMESTAMPTZ,
    CONSTRAINT api_token_pk PRIMARY KEY (id),
    CONSTRAINT api_token_sha256_uk UNIQUE (sha256),
    CONSTRAINT api_token_role_ck CHECK (role IN ('VIEWER', 'RESPONDER', 'ADMIN', 'METRICS')),
    CONSTRAINT api_token_revoked_ck CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
);
