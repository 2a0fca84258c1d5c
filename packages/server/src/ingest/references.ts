import type pg from 'pg';
import type { References } from '../channels/channel.js';
import { notifiableDiseases } from '../channels/notifiable-diseases.js';
import { shanghaiDate } from '../channels/time.js';

/**
 * The city as the ingest checks records against it: places with their ancestors, facilities with their
 * place. Read from the database and kept per pool; read again when older than a minute, or sooner when a
 * batch names a code we do not know (a facility registered a moment ago).
 */

interface CityCache {
  readonly places: ReadonlyMap<string, readonly string[]>;
  readonly facilities: ReadonlyMap<string, string>;
  readonly facilityTypes: ReadonlyMap<string, string>;
  readonly rootPlace: string | undefined;
  readonly loadedAt: number;
}

const MAX_AGE_MS = 60_000;
const MIN_RELOAD_MS = 1_000;
const caches = new WeakMap<pg.Pool, CityCache>();

async function loadCity(pool: pg.Pool): Promise<CityCache> {
  const [places, facilities] = await Promise.all([
    pool.query<{ code: string; parent_code: string | null; level: string }>(
      'SELECT code, parent_code, level FROM place',
    ),
    pool.query<{ id: string; place_code: string; type: string }>('SELECT id, place_code, type FROM facility'),
  ]);
  const parent = new Map(places.rows.map((p) => [p.code, p.parent_code]));
  const chains = new Map<string, readonly string[]>();
  for (const { code } of places.rows) {
    const chain: string[] = [];
    // Walk up the tree; the bound guards against a cycle in bad data.
    for (let at: string | null | undefined = code; at && chain.length < 16; at = parent.get(at)) {
      if (!parent.has(at)) break;
      chain.push(at);
    }
    chains.set(code, chain);
  }
  const roots = places.rows.filter((p) => p.level === 'city');
  return {
    places: chains,
    facilities: new Map(facilities.rows.map((f) => [f.id, f.place_code])),
    facilityTypes: new Map(facilities.rows.map((f) => [f.id, f.type])),
    rootPlace: roots.length === 1 ? roots[0]?.code : undefined,
    loadedAt: Date.now(),
  };
}

/** The references for a batch; `stale` asks for a fresh read (rate-limited to once a second). */
export async function referencesFor(pool: pg.Pool, stale = false): Promise<References> {
  let city = caches.get(pool);
  const age = city ? Date.now() - city.loadedAt : Infinity;
  if (!city || age > MAX_AGE_MS || (stale && age > MIN_RELOAD_MS)) {
    city = await loadCity(pool);
    caches.set(pool, city);
  }
  const nowMs = Date.now();
  return { ...city, diseases: notifiableDiseases(), nowMs, today: shanghaiDate(nowMs) };
}

/** Forgets what was read (tests that change places or facilities between batches). */
export function forgetReferences(pool: pg.Pool): void {
  caches.delete(pool);
}
