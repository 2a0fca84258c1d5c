-- Series by week rows with day slots, replacing 004's separate day and week rows: a record now touches one
-- row per (signal, place) — its week's, where it adds to its day's slot and to the week's total — instead
-- of two, which halves the writes of the sparse community-level series that dominate the ingest's cost.
-- Key text columns compare byte-wise (COLLATE "C"): codes are ASCII, and libc collations cost a third of
-- every index insert. Series are derived from the records (src/series/recount.ts recomputes them); no
-- records exist outside development when this runs, so the tables are recreated empty.

DROP TABLE series_count;
DROP TABLE facility_series;

-- Place series: per (channel, signal, place, ISO week), at every level of the place tree (a record at a
-- community also counts at its street, district and city). week_start is the week's Monday; the day_*
-- arrays hold the seven days, Monday first, and count/records/denominator the week's totals.
--   count        the signal's sum: visits, cases, units sold, pupils absent, positives, messages; for a
--                measurement (wastewater) the sum of the concentrations, read as count / records
--   records      how many records contributed
--   denominator  the sum of their denominators (pupils enrolled, samples tested); 0 where none
-- A row whose week falls to 0 records (corrections, withdrawals) is deleted: no row means zero.
CREATE TABLE series_week (
  channel text COLLATE "C" NOT NULL,
  signal text COLLATE "C" NOT NULL,
  place_code text COLLATE "C" NOT NULL,
  week_start date NOT NULL CHECK (extract(isodow FROM week_start) = 1),
  count numeric NOT NULL,
  records integer NOT NULL,
  denominator numeric NOT NULL,
  day_counts numeric[] NOT NULL CHECK (cardinality(day_counts) = 7),
  day_records integer[] NOT NULL CHECK (cardinality(day_records) = 7),
  day_denominators numeric[] NOT NULL CHECK (cardinality(day_denominators) = 7),
  PRIMARY KEY (channel, signal, place_code, week_start)
) WITH (fillfactor = 85); -- room for HOT updates: a week's row is updated by every batch of its days

-- A facility's own daily series, per signal, plus the signal '_records' (all its records that day). A day
-- without a '_records' row is a day the facility did not report: missing in its own series, not zero, and
-- counted against the completeness of its place's series.
CREATE TABLE facility_series (
  channel text COLLATE "C" NOT NULL,
  facility_id text COLLATE "C" NOT NULL,
  signal text COLLATE "C" NOT NULL,
  day date NOT NULL,
  count numeric NOT NULL,
  records integer NOT NULL,
  denominator numeric NOT NULL DEFAULT 0,
  PRIMARY KEY (channel, facility_id, signal, day)
);

-- Natural keys compare byte-wise too.
ALTER TABLE visit_record ALTER COLUMN record_key TYPE text COLLATE "C";
ALTER TABLE report_card_record ALTER COLUMN record_key TYPE text COLLATE "C";
ALTER TABLE pharmacy_record ALTER COLUMN record_key TYPE text COLLATE "C";
ALTER TABLE school_record ALTER COLUMN record_key TYPE text COLLATE "C";
ALTER TABLE lab_record ALTER COLUMN record_key TYPE text COLLATE "C";
ALTER TABLE hotline_record ALTER COLUMN record_key TYPE text COLLATE "C";
ALTER TABLE opinion_record ALTER COLUMN record_key TYPE text COLLATE "C";
ALTER TABLE wastewater_record ALTER COLUMN record_key TYPE text COLLATE "C";
ALTER TABLE record_common ALTER COLUMN record_key TYPE text COLLATE "C";
