-- Series: what every accepted record adds up to, kept incrementally by the ingest in the same transaction
-- as the record (src/ingest/commit-batch.ts), so that a committed record is always counted and a
-- rolled-back one never is.

-- Place series: per (channel, signal, place, day|week), at every level of the place tree (a record at a
-- community also counts at its street, district and city). Weeks are ISO weeks, period_start their Monday.
--   count        the signal's sum: visits, cases, units sold, pupils absent, positives, messages; for a
--                measurement (wastewater) the sum of the concentrations, read as count / records
--   records      how many records contributed
--   denominator  the sum of their denominators (pupils enrolled, samples tested); 0 where none
-- A row whose records fall to 0 (corrections, withdrawals) is deleted: no row means zero.
CREATE TABLE series_count (
  channel text NOT NULL,
  signal text NOT NULL,
  place_code text NOT NULL,
  period text NOT NULL CHECK (period IN ('day', 'week')),
  period_start date NOT NULL,
  count numeric NOT NULL,
  records integer NOT NULL,
  denominator numeric NOT NULL DEFAULT 0,
  PRIMARY KEY (channel, signal, place_code, period, period_start)
);

-- A facility's own daily series, per signal, plus the signal '_records' (all its records that day). A day
-- without a '_records' row is a day the facility did not report: missing in its own series, not zero, and
-- counted against the completeness of its place's series.
CREATE TABLE facility_series (
  channel text NOT NULL,
  facility_id text NOT NULL,
  signal text NOT NULL,
  day date NOT NULL,
  count numeric NOT NULL,
  records integer NOT NULL,
  denominator numeric NOT NULL DEFAULT 0,
  PRIMARY KEY (channel, facility_id, signal, day)
);
