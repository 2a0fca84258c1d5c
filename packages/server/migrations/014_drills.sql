-- Drills (src/drill/): the drills started through the API, their progress and their reports. The drill's own
-- data lives in throwaway databases (shaobing_drill_*) that are dropped when it ends; only this row stays.
CREATE TABLE drill (
  id bigserial PRIMARY KEY,
  scenario_name text NOT NULL,
  scenario jsonb NOT NULL,              -- the validated scenario, as played
  runs integer NOT NULL CHECK (runs >= 1),
  options jsonb NOT NULL DEFAULT '{}',  -- liveDays, leadDays, ceiling
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  progress real NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 1),
  phase text,
  requested_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz,
  error text,
  report jsonb
);
CREATE INDEX drill_created_idx ON drill (created_at DESC, id DESC);
