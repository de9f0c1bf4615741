-- The alert rate limit's token buckets, one row per integration, shared by every instance of the
-- service (issue 13): kept in each JVM's memory, N instances would let a key send N times its limit.
-- A bucket is refilled and taken from by one UPDATE under its row lock (alerting/RateLimitBuckets),
-- so two instances taking tokens at once take them one after the other.
CREATE TABLE alert_rate_bucket (
    integration VARCHAR(100)     NOT NULL,
    tokens      DOUBLE PRECISION NOT NULL,
    refilled_at TIMESTAMPTZ      NOT NULL,
    CONSTRAINT alert_rate_bucket_pk PRIMARY KEY (integration)
);

-- An integration created through the admin API may have a limit of its own (null: the service's
-- incidents.alerting.rate-limit-per-minute).
ALTER TABLE integration ADD COLUMN rate_limit_per_minute INTEGER
    CONSTRAINT integration_rate_limit_positive CHECK (rate_limit_per_minute > 0);
