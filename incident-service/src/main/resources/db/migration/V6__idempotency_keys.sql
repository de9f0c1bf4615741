-- The answers to creating POSTs sent with an Idempotency-Key (package idempotency), per caller,
-- so a retry of the same request gets the same answer and creates nothing new. Written in the
-- transaction that stores the command's events: either both are kept or neither. Kept for
-- incidents.idempotency.retention (24 h by default), then deleted by a recurring task.
CREATE TABLE idempotent_request (
    caller          VARCHAR(200) NOT NULL,
    idempotency_key VARCHAR(255) NOT NULL,
    request_sha256  CHAR(64)     NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    status          SMALLINT,
    location        VARCHAR(500),
    body            TEXT,
    CONSTRAINT idempotent_request_pk PRIMARY KEY (caller, idempotency_key)
);
CREATE INDEX idempotent_request_created_at_idx ON idempotent_request (created_at);
