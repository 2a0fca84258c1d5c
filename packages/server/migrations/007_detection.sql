-- Detection: the configuration (versioned rules), the runs, the signals they store and the series they could not
-- evaluate (src/signals/).

-- A rule: which series (channel, signals, place levels, interval) one method evaluates, with its R-named
-- controls. A rule keeps its key across edits; an edit that changes it is a new revision (a new row), so a
-- signal always names the exact settings that raised it, and an unchanged rule keeps its signals.
CREATE TABLE detection_rule (
  id bigserial PRIMARY KEY,
  key text NOT NULL,
  revision integer NOT NULL CHECK (revision >= 1),
  channel text NOT NULL,
  signals text[],                      -- NULL: every signal of the channel
  place_levels text[] NOT NULL,        -- 'city', 'district', 'street', 'community'
  period text NOT NULL CHECK (period IN ('day', 'week')),
  method text NOT NULL,                -- the engine's R name: 'earsC', 'farringtonFlexible', 'cidars.mpm', …
  control jsonb NOT NULL DEFAULT '{}', -- the method's control object, R's names (without range)
  lookback integer NOT NULL CHECK (lookback >= 1),  -- the latest periods a run (re)evaluates
  history integer CHECK (history >= 0),              -- periods read before them; NULL: what the method needs
  description text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (key, revision)
);

-- A version of the whole configuration: the rules in force together. The highest version is in force.
CREATE TABLE detection_config (
  version integer PRIMARY KEY CHECK (version >= 1),
  rule_ids bigint[] NOT NULL,
  author text,
  note text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE detection_run (
  id bigserial PRIMARY KEY,
  trigger text NOT NULL CHECK (trigger IN ('ingest', 'schedule', 'daily', 'manual')),
  scope text NOT NULL CHECK (scope IN ('changed', 'all')),
  config_version integer REFERENCES detection_config (version),
  status text NOT NULL CHECK (status IN ('running', 'done', 'failed')),
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  series integer NOT NULL DEFAULT 0,          -- (series, rule) pairs evaluated
  evaluations integer NOT NULL DEFAULT 0,     -- time points evaluated
  not_evaluated integer NOT NULL DEFAULT 0,   -- (series, rule) pairs the method could not be applied to
  signals_new integer NOT NULL DEFAULT 0,
  signals_changed integer NOT NULL DEFAULT 0, -- values changed or raised again after a retraction
  signals_retracted integer NOT NULL DEFAULT 0,
  timings jsonb NOT NULL DEFAULT '{}',        -- milliseconds by step: changes, read, evaluate, store
  error text
);
CREATE INDEX detection_run_started_idx ON detection_run (started_at DESC);

-- A signal: one alarm of one method on one series at one time point, with the numbers behind it. The unique
-- key makes runs idempotent: evaluating the same data again updates the row, never adds one. A later run
-- that no longer alarms (late corrections) keeps the row with alarm = false: alerts may point at it.
CREATE TABLE detection_signal (
  id bigserial PRIMARY KEY,
  channel text NOT NULL,
  signal text NOT NULL,
  place_code text NOT NULL,
  period text NOT NULL CHECK (period IN ('day', 'week')),
  period_start date NOT NULL,          -- the time point: the day, or the ISO week's Monday
  method text NOT NULL,
  rule_id bigint NOT NULL REFERENCES detection_rule (id),
  rule_key text NOT NULL,
  rule_revision integer NOT NULL,
  config_version integer NOT NULL,     -- the configuration in force when the signal was first stored
  observed double precision NOT NULL,  -- what the method compared (cidars.mpm daily: the 7-day sum)
  expected double precision,
  upperbound double precision,         -- the threshold
  score double precision,
  pvalue double precision,
  level smallint CHECK (level IN (1, 2)),  -- ESSENCE methods: 1 yellow, 2 red
  alarm boolean NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  run_id bigint NOT NULL REFERENCES detection_run (id),  -- the run that stored it or last changed it
  UNIQUE (channel, signal, place_code, period, period_start, method, rule_id)
);
CREATE INDEX detection_signal_time_idx ON detection_signal (period_start DESC, id DESC);
CREATE INDEX detection_signal_place_idx ON detection_signal (place_code text_pattern_ops);
CREATE INDEX detection_signal_run_idx ON detection_signal (run_id);

-- The (series, rule) pairs a run could not evaluate, with the method's reason: never skipped in silence.
CREATE TABLE detection_not_evaluated (
  run_id bigint NOT NULL REFERENCES detection_run (id) ON DELETE CASCADE,
  channel text NOT NULL,
  signal text NOT NULL,
  place_code text NOT NULL,
  period text NOT NULL,
  rule_id bigint NOT NULL REFERENCES detection_rule (id),
  method text NOT NULL,
  field text NOT NULL,                 -- the control or input at fault ('range', 'observed', …)
  reason text NOT NULL,
  PRIMARY KEY (run_id, channel, signal, place_code, period, rule_id)
);
