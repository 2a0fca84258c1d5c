-- The version of the syndrome rules (packages/engine/src/syndromes) that coded a visit's signals: when the
-- rules change, the visits coded by older ones can be found and recoded.
ALTER TABLE visit_record ADD COLUMN syndrome_rules text;
