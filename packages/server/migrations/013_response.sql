-- Response (src/verification/, src/events/, src/tasks/): the verification of every new alert within a
-- deadline, public-health events (突发公共卫生事件) with their response level and timeline, and the tasks of
-- the command board, each with exactly one owning organisation.
--
-- Organisations and users (migration 012, src/access/) are referenced by their ids without foreign keys:
-- a user or organisation removed later must not erase the record of who decided what, and the response
-- tables were written beside 012 rather than after it. Times are set by the application's clock (the
-- workflow tests control it), never by DEFAULT now().

-- One verification per alert: assigned to the duty desk of the alert's district (or of the city when the
-- city has no district organisation for it), due by the deadline table's rule, escalated to the city level
-- once due and still pending.
CREATE TABLE verification (
  id bigserial PRIMARY KEY,
  alert_id bigint NOT NULL UNIQUE REFERENCES alert (id),
  place_code text NOT NULL,            -- the alert's place
  assigned_place_code text NOT NULL,   -- the district (6 digits) or the city (4 digits) that verifies it
  assigned_org_id text,                -- that level's duty organisation, when one exists
  deadline_rule text NOT NULL,         -- the row of the deadline table that set the deadline
  assigned_at timestamptz NOT NULL,
  due_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'dismissed', 'monitoring', 'confirmed')),
  escalated_at timestamptz,
  escalated_place_code text,           -- the city, once the deadline passed
  escalated_org_id text,
  outcome_at timestamptz,              -- the first outcome (monitoring may later become dismissed or confirmed)
  decided_at timestamptz,              -- the latest outcome
  decided_by bigint,                   -- app_user id
  reason text,
  event_id bigint,                     -- the event it was confirmed as (FK below, once health_event exists)
  CHECK (status = 'pending' OR (decided_at IS NOT NULL AND outcome_at IS NOT NULL)),
  CHECK (status <> 'dismissed' OR length(btrim(reason)) > 0)
);
CREATE INDEX verification_assigned_idx ON verification (assigned_place_code text_pattern_ops, id);
CREATE INDEX verification_assigned_at_idx ON verification (assigned_at);

-- Reminders and the escalation of a verification, and the overdue escalation of a task: planned when the
-- item is created, done by the scheduler's tick (runDueWork) once due. A row that is due after its item
-- was settled is marked skipped.
CREATE TABLE response_notice (
  id bigserial PRIMARY KEY,
  verification_id bigint REFERENCES verification (id),
  task_id bigint,                      -- FK below
  kind text NOT NULL CHECK (kind IN ('reminder', 'escalation')),
  label text NOT NULL,                 -- which reminder of the rule: 'half-time', '30-min-before', 'deadline'
  due_at timestamptz NOT NULL,
  done_at timestamptz,
  outcome text CHECK (outcome IN ('sent', 'skipped')),
  recipient_place_code text,
  recipient_org_id text,
  CHECK ((verification_id IS NULL) <> (task_id IS NULL))
);
CREATE INDEX response_notice_due_idx ON response_notice (due_at) WHERE done_at IS NULL;
CREATE UNIQUE INDEX response_notice_verification_idx ON response_notice (verification_id, label)
  WHERE verification_id IS NOT NULL;
CREATE UNIQUE INDEX response_notice_task_idx ON response_notice (task_id, label, due_at) WHERE task_id IS NOT NULL;

-- An event (突发公共卫生事件). `alert_event` is the alerts' change log, hence the name.
CREATE TABLE health_event (
  id bigserial PRIMARY KEY,
  type text NOT NULL,                  -- a disease key (cholera), a syndrome family or unknown-pneumonia
  title text NOT NULL,
  place_code text NOT NULL REFERENCES place (code),
  owner_place_code text NOT NULL,      -- the level that owns the response: the district, or the city
  owner_org_id text,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'controlled', 'closed')),
  level text CHECK (level IN ('I', 'II', 'III', 'IV')),     -- set by the commander; NULL until then
  proposed_level text CHECK (proposed_level IN ('I', 'II', 'III', 'IV')),
  proposal jsonb NOT NULL DEFAULT '{}',  -- the criteria evaluated and the facts behind the proposal
  opened_at timestamptz NOT NULL,
  opened_by bigint,
  controlled_at timestamptz,
  closed_at timestamptz,
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX health_event_place_idx ON health_event (place_code text_pattern_ops);
CREATE INDEX health_event_owner_idx ON health_event (owner_place_code text_pattern_ops);

ALTER TABLE verification ADD FOREIGN KEY (event_id) REFERENCES health_event (id);

CREATE TABLE health_event_alert (
  event_id bigint NOT NULL REFERENCES health_event (id),
  alert_id bigint NOT NULL REFERENCES alert (id),
  linked_at timestamptz NOT NULL,
  PRIMARY KEY (event_id, alert_id)
);
CREATE INDEX health_event_alert_alert_idx ON health_event_alert (alert_id);

-- Cases linked to an event: report cards by their key (no FK: a card's key is stable while its versions
-- change, and a withdrawn card stays linked to show why the count fell).
CREATE TABLE health_event_case (
  event_id bigint NOT NULL REFERENCES health_event (id),
  record_key text COLLATE "C" NOT NULL,
  linked_at timestamptz NOT NULL,
  PRIMARY KEY (event_id, record_key)
);

-- Every level the commander set, with the reason and the proposal standing then.
CREATE TABLE health_event_level (
  id bigserial PRIMARY KEY,
  event_id bigint NOT NULL REFERENCES health_event (id),
  level text NOT NULL CHECK (level IN ('I', 'II', 'III', 'IV')),
  previous_level text,
  proposed_level text,
  reason text NOT NULL CHECK (length(btrim(reason)) > 0),
  set_by bigint NOT NULL,
  set_at timestamptz NOT NULL
);
CREATE INDEX health_event_level_event_idx ON health_event_level (event_id, id);

-- The timeline: everything that happened to an event and its tasks, in order.
CREATE TABLE health_event_timeline (
  seq bigserial PRIMARY KEY,
  event_id bigint NOT NULL REFERENCES health_event (id),
  at timestamptz NOT NULL,
  kind text NOT NULL,
  actor bigint,                        -- app_user id; NULL for the scheduler
  task_id bigint,
  details jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX health_event_timeline_event_idx ON health_event_timeline (event_id, seq);

-- A task of the command board. Exactly one owning organisation at a time (首接负责): it changes only by an
-- accepted hand-over.
CREATE TABLE response_task (
  id bigserial PRIMARY KEY,
  event_id bigint NOT NULL REFERENCES health_event (id),
  kind text NOT NULL CHECK (kind IN ('investigation', 'sampling', 'disinfection', 'closed-management',
    'door-to-door-screening', 'school-measures', 'public-communication', 'supply-request', 'patient-transfer')),
  title text NOT NULL,
  details text NOT NULL DEFAULT '',
  place_code text NOT NULL REFERENCES place (code),
  owner_org_id text NOT NULL,
  owner_place_code text NOT NULL,      -- the owning organisation's jurisdiction, for scoping
  push_id bigint,                      -- the push (群防群控) that created it with its siblings
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done', 'cancelled')),
  due_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL,
  created_by bigint,
  escalated_at timestamptz,
  escalated_place_code text,
  households_visited integer NOT NULL DEFAULT 0,  -- the sums of the progress reports' counts
  fever_found integer NOT NULL DEFAULT 0,
  referrals integer NOT NULL DEFAULT 0,
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX response_task_event_idx ON response_task (event_id, id);
CREATE INDEX response_task_owner_idx ON response_task (owner_org_id, id);
CREATE INDEX response_task_place_idx ON response_task (place_code text_pattern_ops);
CREATE INDEX response_task_due_idx ON response_task (due_at) WHERE status IN ('open', 'in_progress');

ALTER TABLE response_notice ADD FOREIGN KEY (task_id) REFERENCES response_task (id);

-- A hand-over: asked by the owning side, accepted (or declined) by the receiving side.
CREATE TABLE task_handover (
  id bigserial PRIMARY KEY,
  task_id bigint NOT NULL REFERENCES response_task (id),
  from_org_id text NOT NULL,
  to_org_id text NOT NULL,
  to_place_code text NOT NULL,
  reason text NOT NULL CHECK (length(btrim(reason)) > 0),
  requested_by bigint,
  requested_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined')),
  answered_by bigint,
  answered_at timestamptz
);
CREATE UNIQUE INDEX task_handover_pending_idx ON task_handover (task_id) WHERE status = 'pending';

-- Progress reports, with the counts community workers report back (户 visited, 发热 found, referrals).
CREATE TABLE task_report (
  id bigserial PRIMARY KEY,
  task_id bigint NOT NULL REFERENCES response_task (id),
  reported_at timestamptz NOT NULL,
  reported_by bigint,
  org_id text NOT NULL,
  note text NOT NULL DEFAULT '',
  status_after text NOT NULL,
  households_visited integer NOT NULL DEFAULT 0 CHECK (households_visited >= 0),
  fever_found integer NOT NULL DEFAULT 0 CHECK (fever_found >= 0),
  referrals integer NOT NULL DEFAULT 0 CHECK (referrals >= 0)
);
CREATE INDEX task_report_task_idx ON task_report (task_id, id);

-- One push (群防群控) creates a task per community under an area; its tasks share the push id.
CREATE SEQUENCE response_push_seq;

-- Who made an alert public (the CAP feed publishes alerts with public = true) or withdrew it, and why.
CREATE TABLE alert_publication (
  id bigserial PRIMARY KEY,
  alert_id bigint NOT NULL REFERENCES alert (id),
  public boolean NOT NULL,
  reason text NOT NULL CHECK (length(btrim(reason)) > 0),
  set_by bigint NOT NULL,
  set_at timestamptz NOT NULL
);
CREATE INDEX alert_publication_alert_idx ON alert_publication (alert_id, id);
