-- The change log without community rows (src/signals/change-log.ts). Communities are nine tenths of the rows an
-- ingest batch touches, and logging them made the ingest a fifth slower (bench:signals). A community's series
-- changes only with its street's (a record counts at every level above its place), so a run after ingest that
-- watches communities takes the communities of the changed streets instead. Codes nest by prefix with fixed
-- lengths (migration 001): 12 digits is a community.
CREATE OR REPLACE FUNCTION series_change_log() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  logged integer;
BEGIN
  INSERT INTO series_change (channel, signal, place_code, earliest)
  SELECT channel, signal, place_code, min(week_start) FROM changed_series
   WHERE length(place_code) < 12
   GROUP BY 1, 2, 3;
  GET DIAGNOSTICS logged = ROW_COUNT;
  IF logged > 0 THEN
    PERFORM pg_notify('series_changed', '');
  END IF;
  RETURN NULL;
END
$$;
