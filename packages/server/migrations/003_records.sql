-- Surveillance records: one table per channel, with the channel's typed columns and the same common
-- columns in each. The natural key (record_key) is unique per channel: re-sending a record is recognised
-- as a duplicate, other content under the same key replaces the stored version (a correction).
--
-- Common columns, written by the ingest (src/ingest/) for every channel:
--   record_key         the natural key as one string (visit: facility/visit id; card: card id; …)
--   facility_id        the reporting facility (no foreign key: the ingest checks it against `facility`
--                      before writing, and a per-row trigger would halve the COPY rate)
--   event_date         the day the record counts on, in Asia/Shanghai (visit, onset, sale, absence, …)
--   place_code         where it counts: the residence, else the facility's place
--   signals, counts    the series it feeds and by how much (counts NULL: one each)
--   denominator        carried beside each signal's count (pupils enrolled, samples tested)
--   active             false for a withdrawn report card: it stays stored but leaves every series
--   version, hashes    how many versions were received, and a 64-bit content hash of each (current last)
--   source             api, csv, hl7 or import
-- The series (004) hold exactly the sums of (signals, counts, denominator) of the active records.

-- The common columns, once: every record table is `LIKE record_common INCLUDING ALL` plus its own columns.
-- It holds no rows.
CREATE TABLE record_common (
  record_key text PRIMARY KEY,
  facility_id text,
  event_date date NOT NULL,
  place_code text NOT NULL,
  signals text[] NOT NULL,
  counts numeric[],
  denominator numeric,
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  hashes bigint[] NOT NULL,
  source text NOT NULL CHECK (source IN ('api', 'csv', 'hl7', 'import')),
  first_received_at timestamptz NOT NULL DEFAULT now(),
  received_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE visit_record (
  LIKE record_common INCLUDING ALL,
  visit_id text NOT NULL,
  visit_time timestamptz NOT NULL,
  age numeric(5, 2),
  sex char(1),
  residence_code text,
  chief_complaint text,
  icd10 text,
  temperature numeric(4, 1),
  fever_clinic boolean
);

CREATE TABLE report_card_record (
  LIKE record_common INCLUDING ALL,
  card_id text NOT NULL,
  card_type text NOT NULL CHECK (card_type IN ('new', 'correction', 'withdrawal')),
  disease text,
  disease_class text,                  -- A, B, C or monitored on the diagnosis date
  classification text CHECK (classification IN ('suspected', 'clinical', 'confirmed', 'carrier')),
  onset_date date,
  diagnosis_date date,
  residence_code text,
  age numeric(5, 2),
  sex char(1),
  occupation text,
  -- Personal data (PIPL): in their own columns so that masking by role is one place to change.
  id_number text,
  phone text,
  withdrawal_reason text
);

CREATE TABLE pharmacy_record (
  LIKE record_common INCLUDING ALL,
  sale_date date NOT NULL,
  drug_class text NOT NULL,
  units integer NOT NULL CHECK (units >= 0)
);

CREATE TABLE school_record (
  LIKE record_common INCLUDING ALL,
  absence_date date NOT NULL,
  enrolled integer NOT NULL CHECK (enrolled > 0),
  absent_fever integer NOT NULL CHECK (absent_fever >= 0),
  absent_respiratory integer NOT NULL CHECK (absent_respiratory >= 0),
  absent_gi integer NOT NULL CHECK (absent_gi >= 0),
  absent_other integer NOT NULL CHECK (absent_other >= 0)
);

CREATE TABLE lab_record (
  LIKE record_common INCLUDING ALL,
  sample_id text NOT NULL,
  pathogen text NOT NULL,
  result text NOT NULL CHECK (result IN ('positive', 'negative', 'indeterminate')),
  sample_date date NOT NULL,
  result_date date NOT NULL,
  residence_code text,
  method text
);

CREATE TABLE hotline_record (
  LIKE record_common INCLUDING ALL,
  line text NOT NULL CHECK (line IN ('12345', '120')),
  message_id text NOT NULL,
  message_time timestamptz NOT NULL,
  text text NOT NULL,
  category text,
  place_given text                     -- the place as sent (place_code falls back to the city)
);

CREATE TABLE opinion_record (
  LIKE record_common INCLUDING ALL,
  platform text NOT NULL,              -- weibo, wechat, news, …
  post_id text NOT NULL,
  post_time timestamptz NOT NULL,
  text text NOT NULL,
  category text,
  place_given text
);

CREATE TABLE wastewater_record (
  LIKE record_common INCLUDING ALL,
  sample_date date NOT NULL,
  target text NOT NULL,
  concentration numeric NOT NULL CHECK (concentration >= 0), -- copies per litre
  flow numeric CHECK (flow >= 0)                             -- m³ per day
);
