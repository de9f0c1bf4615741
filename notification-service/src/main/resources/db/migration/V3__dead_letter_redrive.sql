-- A parked record keeps its headers (CloudEvents attributes), so it can be re-driven once its
-- cause is fixed; redriven_at says when that succeeded.
ALTER TABLE dead_letter ADD COLUMN record_headers TEXT;
ALTER TABLE dead_letter ADD COLUMN redriven_at TIMESTAMPTZ;
