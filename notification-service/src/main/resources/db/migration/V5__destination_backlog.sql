-- A worker that got a message through goes on with the due messages of the same destination, in
-- order, one claim at a time: this finds the next one without sorting the destination's backlog.
CREATE INDEX delivery_pending_destination_idx ON delivery (channel, recipient, next_attempt_at, id) WHERE status = 'PENDING';
