-- Facility series as ISO-week rows with seven day slots, like the place series (006). Facilities report every
-- day, so a row per (facility, signal, day) was about one row per record of a batch — the second largest
-- write of the ingest after the place series; a week row takes a batch's days of a facility and signal at
-- once (1.1 rows a record → about 0.1 in the bench). Rows already stored are folded into weeks here.
-- Readers that think in days keep `facility_series`, now a view over the slots (with week_start beside each
-- day, so a reader bounding days can bound weeks too and use the key).
CREATE TABLE facility_week (
  channel text COLLATE "C" NOT NULL,
  facility_id text COLLATE "C" NOT NULL,
  signal text COLLATE "C" NOT NULL,
  week_start date NOT NULL,
  count numeric NOT NULL,
  records integer NOT NULL,
  denominator numeric NOT NULL,
  day_counts numeric[] NOT NULL,
  day_records integer[] NOT NULL,
  day_denominators numeric[] NOT NULL,
  PRIMARY KEY (channel, facility_id, signal, week_start)
) WITH (fillfactor = 85);

INSERT INTO facility_week
SELECT channel, facility_id, signal, week_start, sum(count), sum(records)::int, sum(denominator),
       ARRAY[coalesce(sum(count) FILTER (WHERE slot = 1), 0), coalesce(sum(count) FILTER (WHERE slot = 2), 0),
             coalesce(sum(count) FILTER (WHERE slot = 3), 0), coalesce(sum(count) FILTER (WHERE slot = 4), 0),
             coalesce(sum(count) FILTER (WHERE slot = 5), 0), coalesce(sum(count) FILTER (WHERE slot = 6), 0),
             coalesce(sum(count) FILTER (WHERE slot = 7), 0)],
       ARRAY[coalesce(sum(records) FILTER (WHERE slot = 1), 0), coalesce(sum(records) FILTER (WHERE slot = 2), 0),
             coalesce(sum(records) FILTER (WHERE slot = 3), 0), coalesce(sum(records) FILTER (WHERE slot = 4), 0),
             coalesce(sum(records) FILTER (WHERE slot = 5), 0), coalesce(sum(records) FILTER (WHERE slot = 6), 0),
             coalesce(sum(records) FILTER (WHERE slot = 7), 0)]::int[],
       ARRAY[coalesce(sum(denominator) FILTER (WHERE slot = 1), 0), coalesce(sum(denominator) FILTER (WHERE slot = 2), 0),
             coalesce(sum(denominator) FILTER (WHERE slot = 3), 0), coalesce(sum(denominator) FILTER (WHERE slot = 4), 0),
             coalesce(sum(denominator) FILTER (WHERE slot = 5), 0), coalesce(sum(denominator) FILTER (WHERE slot = 6), 0),
             coalesce(sum(denominator) FILTER (WHERE slot = 7), 0)]
  FROM (SELECT *, extract(isodow FROM day)::int AS slot, day - extract(isodow FROM day)::int + 1 AS week_start
          FROM facility_series) AS d
 GROUP BY channel, facility_id, signal, week_start;

DROP TABLE facility_series;

CREATE VIEW facility_series AS
SELECT w.channel, w.facility_id, w.signal, w.week_start + (d.slot::int - 1) AS day, d.count, d.records,
       d.denominator, w.week_start
  FROM facility_week w,
       unnest(w.day_counts, w.day_records, w.day_denominators) WITH ORDINALITY AS d(count, records, denominator, slot)
 WHERE d.records <> 0;

-- The place series' CHECKs (an ISO Monday, seven slots) cost a fifth of every upsert (extract() per row) and
-- guard rows only the ingest, the recount and the demo loader write, all from one week computation.
ALTER TABLE series_week DROP CONSTRAINT IF EXISTS series_week_week_start_check,
  DROP CONSTRAINT IF EXISTS series_week_day_counts_check,
  DROP CONSTRAINT IF EXISTS series_week_day_records_check,
  DROP CONSTRAINT IF EXISTS series_week_day_denominators_check;
