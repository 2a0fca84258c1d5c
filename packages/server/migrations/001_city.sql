-- The city model: the place tree (city → district → street/town → community/village, plus functional
-- zones where the statistical codes nest them) and the facilities that report or respond.

CREATE TABLE city (
  id text PRIMARY KEY,                 -- 'wuhan': the folder name under data/cities/
  code text NOT NULL UNIQUE,           -- GB/T 2260 prefecture code, e.g. '4201'
  name text NOT NULL,
  name_en text NOT NULL,
  time_zone text NOT NULL DEFAULT 'Asia/Shanghai'
);

-- Codes nest by prefix (NBS statistical division codes: 4-digit city, 6-digit district, 9-digit street,
-- 12-digit community), so a jurisdiction's subtree is `code LIKE prefix || '%'`.
CREATE TABLE place (
  code text PRIMARY KEY,
  city_id text NOT NULL REFERENCES city (id),
  parent_code text REFERENCES place (code),
  level text NOT NULL CHECK (level IN ('city', 'district', 'street', 'community')),
  name text NOT NULL,
  name_en text,
  unit_type text,                      -- NBS unit type: 街道, 镇, 乡, 类似乡级单位, 居委会, 村委会, …
  functional_zone boolean NOT NULL DEFAULT false,
  zone text CHECK (zone IN ('central', 'new_urban')), -- districts: 中心城区 / 新城区
  population integer CHECK (population >= 0),
  population_note text
);
CREATE INDEX place_parent_idx ON place (parent_code);
CREATE INDEX place_code_prefix_idx ON place (code text_pattern_ops);

CREATE TABLE facility (
  id text PRIMARY KEY,                 -- stable code used by reporters (MSH-4, API tokens, CSV files)
  city_id text NOT NULL REFERENCES city (id),
  name text NOT NULL,
  name_en text,
  type text NOT NULL CHECK (type IN (
    'hospital', 'fever_clinic', 'sentinel_hospital', 'shelter_hospital', 'field_hospital',
    'community_health_center', 'pharmacy', 'school', 'lab', 'ems_station', 'warehouse',
    'wastewater_site', 'other')),
  place_code text NOT NULL REFERENCES place (code),
  lat double precision CHECK (lat BETWEEN -90 AND 90),   -- WGS-84
  lon double precision CHECK (lon BETWEEN -180 AND 180), -- WGS-84
  beds integer CHECK (beds >= 0),
  roles text[] NOT NULL DEFAULT '{}',  -- e.g. {fever_clinic, designated_treatment, nat_testing}
  properties jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX facility_place_idx ON facility (place_code text_pattern_ops);
CREATE INDEX facility_type_idx ON facility (type);
