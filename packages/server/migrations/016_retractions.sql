-- Retractions (src/alerts/store/retract.ts): corrected or withdrawn data takes back what it fired.

-- A signal a later run no longer raises (alarm = false) keeps when and why it was retracted; raised again,
-- both are cleared.
ALTER TABLE detection_signal
  ADD COLUMN retracted_at timestamptz,
  ADD COLUMN retracted_reason text CHECK (retracted_reason IN ('no-longer-alarms'));

-- A firing whose evidence is gone (its signals retracted, its cases withdrawn or corrected out of the rule)
-- is withdrawn, kept with when and why; the alert stands on its other firings or closes as 'retracted'.
ALTER TABLE alert_firing
  ADD COLUMN withdrawn_at timestamptz,
  ADD COLUMN withdrawn_reason text CHECK (withdrawn_reason IN ('signals-retracted', 'cases-withdrawn'));

ALTER TABLE alert DROP CONSTRAINT alert_closed_reason_check;
ALTER TABLE alert ADD CONSTRAINT alert_closed_reason_check
  CHECK (closed_reason IN ('quiet', 'manual', 'retracted'));
