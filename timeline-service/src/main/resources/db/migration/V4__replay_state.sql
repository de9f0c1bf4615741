-- One row: which instance runs a replay (one at a time, across instances), and whether its
-- rebuild tables are being filled. While they are (and the owner's heartbeat is fresh), every
-- instance's consumer applies each event to the rebuild tables too, so the swap loses nothing
-- another instance applied meanwhile.
CREATE TABLE replay_state (
    id           SMALLINT    NOT NULL,
    owner        TEXT,
    rebuilding   BOOLEAN     NOT NULL,
    heartbeat_at TIMESTAMPTZ,
    CONSTRAINT replay_state_pk PRIMARY KEY (id),
    CONSTRAINT replay_state_one_row CHECK (id = 1)
);
INSERT INTO replay_state (id, owner, rebuilding, heartbeat_at) VALUES (1, NULL, FALSE, NULL);
