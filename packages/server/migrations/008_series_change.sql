-- The change log of detection runs (src/signals/change-log.ts).

-- Which series changed: statement-level triggers on series_week append the distinct series each ingest
-- statement touched, with the earliest period it changed; a run consumes the committed rows (DELETE …
-- RETURNING in its transaction), so a change committed meanwhile waits for the next run and none is lost.
-- Append-only and unindexed so that the ingest pays one small INSERT … SELECT per statement, and never waits
-- on a lock. pg_notify (delivered at commit, collapsed per transaction) wakes a listening scheduler.
-- A change to a week row changes the day series (one of its days) and the week series: `earliest` is the
-- week's Monday, and the run re-evaluates both from there (at most six days more than changed).
CREATE TABLE series_change (
  channel text NOT NULL,
  signal text NOT NULL,
  place_code text NOT NULL,
  earliest date NOT NULL,
  changed_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION series_change_log() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  logged integer;
BEGIN
  INSERT INTO series_change (channel, signal, place_code, earliest)
  SELECT channel, signal, place_code, min(week_start) FROM changed_series GROUP BY 1, 2, 3;
  GET DIAGNOSTICS logged = ROW_COUNT;
  IF logged > 0 THEN
    PERFORM pg_notify('series_changed', '');
  END IF;
  RETURN NULL;
END
$$;

-- Transition tables allow one event per trigger, hence three. An INSERT … ON CONFLICT DO UPDATE fires the
-- INSERT and the UPDATE trigger, each with its own rows.
CREATE TRIGGER series_week_inserted AFTER INSERT ON series_week
  REFERENCING NEW TABLE AS changed_series FOR EACH STATEMENT EXECUTE FUNCTION series_change_log();
CREATE TRIGGER series_week_updated AFTER UPDATE ON series_week
  REFERENCING NEW TABLE AS changed_series FOR EACH STATEMENT EXECUTE FUNCTION series_change_log();
CREATE TRIGGER series_week_deleted AFTER DELETE ON series_week
  REFERENCING OLD TABLE AS changed_series FOR EACH STATEMENT EXECUTE FUNCTION series_change_log();
