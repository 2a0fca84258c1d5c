-- Alerts (src/alerts/): what the trigger rules fired, the evidence behind each firing, the events the live
-- stream and the webhooks deliver, and the webhook subscriptions with their delivery log.

-- An alert: one per (family, place) while open. Later firings for the same family and place are absorbed
-- into it (its level can only rise); a new alert opens once the open one has been quiet for the configured
-- days of data time (it is then closed, closed_reason 'quiet').
CREATE TABLE alert (
  id bigserial PRIMARY KEY,
  family text NOT NULL,                -- a disease key (cholera) or a syndrome family (respiratory)
  place_code text NOT NULL REFERENCES place (code),
  kind text NOT NULL CHECK (kind IN ('single-case', 'cluster', 'statistical', 'concordance')),
  level text NOT NULL CHECK (level IN ('blue', 'yellow', 'orange', 'red')),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  closed_reason text CHECK (closed_reason IN ('quiet', 'manual')),
  public boolean NOT NULL DEFAULT false,
  channels text[] NOT NULL,
  rule_ids text[] NOT NULL,
  period_start date NOT NULL,          -- the data time the evidence covers
  period_end date NOT NULL,
  first_fired_at timestamptz NOT NULL DEFAULT now(),
  last_fired_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz,
  version integer NOT NULL DEFAULT 1,  -- +1 on every absorbed firing: CAP msgType Update, SSE and webhooks
  reason_zh text NOT NULL,             -- why the alert stands at its level, from the deciding firing
  reason_en text NOT NULL,
  rules_version text NOT NULL
);
CREATE UNIQUE INDEX alert_one_open_idx ON alert (family, place_code) WHERE status = 'open';
CREATE INDEX alert_place_idx ON alert (place_code text_pattern_ops);
CREATE INDEX alert_first_fired_idx ON alert (first_fired_at);

-- A firing: one rule deciding once, with the facts that set its level and its evidence (signals, record
-- keys, cluster counts; never personal fields). (rule_id, firing_key) makes evaluation idempotent: the same
-- data evaluated twice fires once.
CREATE TABLE alert_firing (
  id bigserial PRIMARY KEY,
  alert_id bigint NOT NULL REFERENCES alert (id),
  rule_id text NOT NULL,
  kind text NOT NULL,
  firing_key text NOT NULL,
  level text NOT NULL,
  level_row integer,                   -- the deciding row of the level table; NULL: its default
  fired_at timestamptz NOT NULL DEFAULT now(),
  data_committed_at timestamptz,       -- when the data that fired it was committed (delay measurements)
  period_start date NOT NULL,
  period_end date NOT NULL,
  channels text[] NOT NULL,
  facts jsonb NOT NULL,
  evidence jsonb NOT NULL,
  reason_zh text NOT NULL,
  reason_en text NOT NULL,
  rules_version text NOT NULL,
  UNIQUE (rule_id, firing_key)
);
CREATE INDEX alert_firing_alert_idx ON alert_firing (alert_id, id);

-- Records a single-case rule matched, so that clusters of them (unknown-cause pneumonia at one hospital)
-- are counted from this small table rather than from the record tables.
CREATE TABLE alert_case (
  rule_id text NOT NULL,
  channel text NOT NULL,
  record_key text COLLATE "C" NOT NULL,
  family text NOT NULL,
  facility_id text,
  place_code text NOT NULL,
  event_date date NOT NULL,
  PRIMARY KEY (rule_id, channel, record_key)
);
CREATE INDEX alert_case_facility_idx ON alert_case (rule_id, facility_id, event_date);
CREATE INDEX alert_case_place_idx ON alert_case (rule_id, place_code, event_date);

-- Every change of an alert, in commit order: the live stream's event ids (Last-Event-ID resumes after one)
-- and the webhooks' outbox.
CREATE TABLE alert_event (
  seq bigserial PRIMARY KEY,
  alert_id bigint NOT NULL REFERENCES alert (id),
  type text NOT NULL CHECK (type IN ('opened', 'updated', 'raised', 'closed')),
  version integer NOT NULL,
  level text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX alert_event_alert_idx ON alert_event (alert_id);

CREATE TABLE webhook_subscription (
  id bigserial PRIMARY KEY,
  url text NOT NULL,
  secret text NOT NULL,                -- the HMAC-SHA256 key: shown once, at creation
  min_level text NOT NULL DEFAULT 'blue' CHECK (min_level IN ('blue', 'yellow', 'orange', 'red')),
  active boolean NOT NULL DEFAULT true,
  description text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now()
);

-- One delivery per (subscription, event), retried with backoff until delivered or out of attempts.
CREATE TABLE webhook_delivery (
  id bigserial PRIMARY KEY,
  subscription_id bigint NOT NULL REFERENCES webhook_subscription (id) ON DELETE CASCADE,
  event_seq bigint NOT NULL REFERENCES alert_event (seq),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (subscription_id, event_seq)
);
CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (next_attempt_at) WHERE status = 'pending';

-- The delivery log: every attempt, its HTTP status or error, and how long it took.
CREATE TABLE webhook_attempt (
  delivery_id bigint NOT NULL REFERENCES webhook_delivery (id) ON DELETE CASCADE,
  attempt integer NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  http_status integer,
  error text,
  duration_ms integer NOT NULL,
  PRIMARY KEY (delivery_id, attempt)
);
