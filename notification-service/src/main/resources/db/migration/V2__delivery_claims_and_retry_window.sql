-- Fenced claims and retries by elapsed time (SPEC section 6).
--
-- claim_id:        set afresh by every claim; a worker may mark a delivery only while the row
--                  still carries the claim it took, so a worker whose lease ran out (and whose
--                  delivery another worker took over) cannot mark it.
-- failures:        failed attempts since the delivery last had a fresh start (it drives the backoff);
--                  attempts keeps counting every attempt, for people to see.
-- failing_since:   when the current run of failures began: a delivery is parked only once it has
--                  been failing for notifications.delivery.give-up-after (24 h by default).
-- last_attempt_at: when the last attempt ended.
-- outcome_unknown: the last attempt timed out after the request went out: the receiver may have it.
-- parked_at:       when it was parked (DEAD); kept while a parked delivery is tried once more to
--                  see whether its destination is back.
ALTER TABLE delivery
    ADD COLUMN claim_id        UUID,
    ADD COLUMN failures        INTEGER     NOT NULL DEFAULT 0,
    ADD COLUMN failing_since   TIMESTAMPTZ,
    ADD COLUMN last_attempt_at TIMESTAMPTZ,
    ADD COLUMN outcome_unknown BOOLEAN     NOT NULL DEFAULT FALSE,
    ADD COLUMN parked_at       TIMESTAMPTZ;

-- Rows from before this version: what was failing has been failing since it was recorded (close
-- enough), and what was parked counts as parked since then. Parked rows are re-driven like any
-- other once their destination works again (the service README says so under upgrading).
UPDATE delivery SET failures = attempts, failing_since = created_at WHERE status <> 'SENT' AND attempts > 0;
UPDATE delivery SET parked_at = created_at WHERE status = 'DEAD';

-- What is not sent yet, per destination: re-driving a destination that works again, and the
-- one parked delivery per destination that is tried now and then.
CREATE INDEX delivery_unsent_destination_idx ON delivery (channel, recipient) WHERE status <> 'SENT';
