-- The city model, second part: what the city loader (src/city/load-city.ts) and the place API need
-- beyond 001: a fingerprint of the loaded data files, district areas, label points and boundaries,
-- where a facility comes from, and which districts share a border.

-- sha256 of the city's data files and the loader's version: equal at start means there is nothing to load.
ALTER TABLE city
  ADD COLUMN data_hash text,
  ADD COLUMN loaded_at timestamptz;

ALTER TABLE place
  ADD COLUMN area_km2 double precision CHECK (area_km2 > 0),
  ADD COLUMN lon double precision CHECK (lon BETWEEN -180 AND 180), -- WGS-84 label point
  ADD COLUMN lat double precision CHECK (lat BETWEEN -90 AND 90),
  ADD COLUMN boundary jsonb;           -- GeoJSON geometry (Polygon or MultiPolygon), WGS-84
CREATE INDEX place_city_level_idx ON place (city_id, level, code);

-- 'city-data': shipped in data/cities/<id>/ (reloaded when the files change); 'simulated': created by the
-- simulator for channels the data lacks (pharmacies, schools, sentinel hospitals, labs, warehouses);
-- 'registered': added by an administrator at run time. The loader touches only 'city-data' rows.
ALTER TABLE facility
  ADD COLUMN source text NOT NULL DEFAULT 'registered'
    CHECK (source IN ('city-data', 'simulated', 'registered'));
CREATE INDEX facility_city_id_idx ON facility (city_id, id);

-- Districts that share a border (both directions are stored, so a place's neighbours are one lookup);
-- border_m is the length of the shared boundary, computed from the district polygons.
CREATE TABLE place_neighbour (
  place_code text NOT NULL REFERENCES place (code),
  neighbour_code text NOT NULL REFERENCES place (code),
  border_m integer NOT NULL CHECK (border_m > 0),
  PRIMARY KEY (place_code, neighbour_code),
  CHECK (place_code <> neighbour_code)
);
