-- The demo load at `shaobing serve` (src/demo/load-demo.ts): one row per phase finished, so that a later start
-- skips what is done in one lookup, and a start interrupted mid-load resumes at the phase it was in (the
-- history is written in one transaction with its row; re-sent records are duplicates the ingest counts once).
CREATE TABLE demo_load (
  scenario text NOT NULL,
  phase text NOT NULL CHECK (phase IN ('facilities', 'history', 'records')),
  rows bigint NOT NULL,
  finished_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scenario, phase)
);
