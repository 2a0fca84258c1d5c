import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { districtNeighbours } from './adjacency.js';
import { parseBoundaries } from './boundaries.js';
import { parseCensusUnits } from './census-units.js';
import { cityManifest, type CityManifest } from './city-manifest.js';
import { CityDataError } from './city-data-error.js';
import type { CityModel, Place } from './city-model.js';
import { parseDistricts } from './districts.js';
import { parseDivisions } from './divisions.js';
import { parseEmsStations, parseFacilities, type FacilityLine } from './facilities.js';
import { apportionPopulation } from './population-rule.js';

/**
 * Reads a city folder (`data/cities/<id>/`: city.json and the files it names) into a CityModel, checking
 * every file with zod and every cross-reference (a district's attributes, boundary and census unit; a
 * facility's place and id). Touches no database.
 */

/** Bump when the loader writes different rows from the same files, so that every city is reloaded. */
export const LOADER_VERSION = 1;

/** `data/cities/` at the repository root (the same path from src/city and dist/city). */
export const CITIES_FOLDER = fileURLToPath(new URL('../../../../data/cities/', import.meta.url));

export function cityFolder(city: string, root = CITIES_FOLDER): string {
  return join(root, city);
}

export interface CityRead {
  readonly model: CityModel;
  /** Rows left out because no source places them (named for the start-up log). */
  readonly unplaced: readonly string[];
}

/** The folder's files as text, and their fingerprint: cheap, so that an unchanged city costs no parsing. */
export interface CityFiles {
  readonly folder: string;
  readonly manifest: CityManifest;
  readonly text: (file: string) => string;
  readonly dataHash: string;
}

export async function readCityFiles(folder: string): Promise<CityFiles> {
  const hash = createHash('sha256').update(`loader ${LOADER_VERSION}\n`);
  const contents = new Map<string, string>();
  const read = async (file: string): Promise<string> => {
    let content: string;
    try {
      content = await readFile(join(folder, file), 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      throw new CityDataError(join(folder, file), `cannot be read (${code})`);
    }
    hash.update(`${file}\n${content.length}\n`).update(content);
    contents.set(file, content);
    return content;
  };
  const manifest = parseManifest(await read('city.json'));
  if (manifest.id !== basename(folder)) {
    throw new CityDataError(
      'city.json',
      `id "${manifest.id}" is not the folder's name "${basename(folder)}"`,
      undefined,
      'id',
    );
  }
  const { divisions, districts, censusUnits, boundaries, facilities, emsStations } = manifest.files;
  for (const file of [divisions, districts, censusUnits, boundaries, facilities, emsStations]) {
    if (file !== undefined) await read(file);
  }
  return { folder, manifest, text: (file) => contents.get(file) ?? '', dataHash: hash.digest('hex') };
}

export async function readCity(folder: string): Promise<CityRead> {
  return parseCity(await readCityFiles(folder));
}

export function parseCity({ manifest, text: read, dataHash }: CityFiles): CityRead {
  const { files } = manifest;
  const divisions = parseDivisions(files.divisions, read(files.divisions), manifest.code);
  const districts = new Map(parseDistricts(files.districts, read(files.districts)).map((d) => [d.code, d]));
  const boundaries = parseBoundaries(files.boundaries, read(files.boundaries));
  const census = parseCensusUnits(files.censusUnits, read(files.censusUnits));

  const districtCodes = divisions.filter((d) => d.level === 'district').map((d) => d.code);
  for (const code of districtCodes) {
    if (!districts.has(code))
      throw new CityDataError(files.districts, `district ${code} (${files.divisions}) has no row`);
  }
  for (const [code, d] of districts) {
    const division = divisions.find((x) => x.code === code);
    if (division?.level !== 'district')
      throw new CityDataError(
        files.districts,
        `${code} is not a district in ${files.divisions}`,
        undefined,
        'code',
      );
    if (division.name !== d.name) {
      throw new CityDataError(
        files.districts,
        `name "${d.name}" differs from "${division.name}" in ${files.divisions}`,
        undefined,
        'name',
      );
    }
  }
  const boundaryOf = new Map(boundaries.map((b) => [b.code, b]));
  for (const code of districtCodes) {
    if (!boundaryOf.has(code)) throw new CityDataError(files.boundaries, `no feature with adcode ${code}`);
  }
  for (const b of boundaries) {
    if (!districts.has(b.code))
      throw new CityDataError(files.boundaries, `adcode ${b.code} is not a district of the city`);
  }

  const population = apportionPopulation(
    files.censusUnits,
    census,
    manifest.population.total,
    districtCodes,
    manifest.population.rule,
  );
  const cityTotal = census.find((u) => u.unit === manifest.population.total)?.population ?? null;

  const places: Place[] = divisions.map((d) => {
    const attributes = districts.get(d.code);
    const boundary = boundaryOf.get(d.code);
    const counted = population.get(d.code);
    const isCity = d.level === 'city';
    return {
      code: d.code,
      parentCode: d.parentCode,
      level: d.level,
      name: d.name,
      nameEn: isCity ? manifest.nameEn : (attributes?.nameEn ?? null),
      unitType: d.unitType,
      functionalZone: d.functionalZone,
      zone: attributes?.zone ?? null,
      // Streets and communities: no census figure exists in the data, and none is made up (SOURCES.md).
      population: isCity ? cityTotal : (counted?.population ?? null),
      populationNote: isCity ? manifest.population.census : (counted?.note ?? null),
      areaKm2: attributes?.areaKm2 ?? null,
      lon: boundary?.label?.[0] ?? null,
      lat: boundary?.label?.[1] ?? null,
      boundary: boundary?.geometry ?? null,
    };
  });

  const facilityLines = parseFacilities(files.facilities, read(files.facilities));
  const ems = files.emsStations
    ? parseEmsStations(files.emsStations, read(files.emsStations))
    : { loaded: [], unplaced: [] };
  const facilities = checkFacilities(
    [...facilityLines, ...ems.loaded],
    manifest,
    new Set(places.map((p) => p.code)),
  );

  return {
    model: {
      city: {
        id: manifest.id,
        code: manifest.code,
        name: manifest.name,
        nameEn: manifest.nameEn,
        timeZone: manifest.timeZone,
      },
      places,
      neighbours: districtNeighbours(boundaries),
      facilities,
      dataHash,
    },
    unplaced: ems.unplaced,
  };
}

function parseManifest(json: string): CityManifest {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    throw new CityDataError('city.json', `not valid JSON: ${(error as Error).message}`);
  }
  const parsed = cityManifest.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CityDataError('city.json', issue?.message ?? 'invalid', undefined, issue?.path.join('.'));
  }
  return parsed.data;
}

function checkFacilities(
  lines: readonly FacilityLine[],
  manifest: CityManifest,
  placeCodes: ReadonlySet<string>,
) {
  const seen = new Map<string, string>();
  return lines.map(({ file, line, facility }) => {
    if (!facility.id.startsWith(`${manifest.facilityIdPrefix}-`)) {
      throw new CityDataError(
        file,
        `id "${facility.id}" must start with "${manifest.facilityIdPrefix}-"`,
        line,
        'id',
      );
    }
    const first = seen.get(facility.id);
    if (first !== undefined)
      throw new CityDataError(file, `id "${facility.id}" is already used at ${first}`, line, 'id');
    seen.set(facility.id, `${file} line ${line}`);
    if (!placeCodes.has(facility.placeCode)) {
      throw new CityDataError(
        file,
        `place ${facility.placeCode} is not in the city's divisions`,
        line,
        'district_code',
      );
    }
    return facility;
  });
}
