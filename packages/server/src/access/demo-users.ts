import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { hashPassword } from './password.js';
import type { OrganisationKind, Role } from './roles.js';

/**
 * Demo mode only: one user per role, so that every view of the platform can be tried. City-wide roles are
 * named by the role (`commander`, `analyst`, `admin`, `public`); district-scoped ones `<prefix>.<district>`
 * with the district's toneless pinyin from the city data (`duty.jiangan`, `reporter.hongshan`, …). They
 * share one password: SHAOBING_DEMO_PASSWORD, or one generated at each start. Demo users belong to `demo-*`
 * organisations, and only those are ever updated here, so a real user of the same name is left alone.
 */

export interface DemoUser {
  readonly username: string;
  readonly role: Role;
  readonly jurisdiction: string;
  readonly facilityId: string | null;
  /** What the user is bound to, for the list printed at start. */
  readonly note: string;
}

export interface DemoUsers {
  readonly users: readonly DemoUser[];
  readonly password: string;
  readonly generated: boolean;
}

/** "Jiang'an" → "jiangan"; "Dongxihu District" → "dongxihu". */
export const districtSlug = (nameEn: string) =>
  nameEn
    .toLowerCase()
    .replace(/\s+district$/, '')
    .replace(/[\s'’-]+/g, '')
    .replace(/[^a-z0-9]/g, '');

const DISTRICT_ROLES: readonly (readonly [string, Role, OrganisationKind])[] = [
  ['duty', 'duty_officer', 'district_cdc'],
  ['reporter', 'facility_reporter', 'hospital'],
  ['community', 'community_worker', 'community'],
  ['volunteer', 'volunteer', 'community'],
  ['supply', 'supply_officer', 'warehouse'],
  ['ems', 'ems_dispatcher', 'ems'],
  ['hotline', 'hotline_operator', 'hotline'],
];

interface District {
  code: string;
  name: string;
  name_en: string | null;
  community: string | null;
  community_name: string | null;
  facility: string | null;
  facility_name: string | null;
}

async function upsertOrganisation(
  pool: pg.Pool,
  id: string,
  kind: OrganisationKind,
  name: string,
  jurisdiction: string,
) {
  await pool.query(
    `INSERT INTO organisation (id, kind, name, jurisdiction_code) VALUES ($1, $2, $3, $4)
     ON CONFLICT (id) DO UPDATE SET kind = $2, name = $3, jurisdiction_code = $4`,
    [id, kind, name, jurisdiction],
  );
}

export async function ensureDemoUsers(
  pool: pg.Pool,
  options: { readonly city: string; readonly password: string | undefined; readonly scryptCost: number },
): Promise<DemoUsers> {
  const city = await pool.query<{ code: string; name: string }>('SELECT code, name FROM city WHERE id = $1', [
    options.city,
  ]);
  const cityCode = city.rows[0]?.code;
  if (cityCode === undefined) return { users: [], password: '', generated: false };
  const generated = options.password === undefined;
  const password = options.password ?? randomBytes(9).toString('base64url');
  // One hash for every demo user: they share the password anyway, and a hundred scrypt runs would slow the start.
  const hash = await hashPassword(password, options.scryptCost);
  const districts = await pool.query<District>(
    `SELECT d.code, d.name, d.name_en, c.code AS community, c.name AS community_name,
            f.id AS facility, f.name AS facility_name
       FROM place d
       LEFT JOIN LATERAL (SELECT code, name FROM place WHERE level = 'community' AND code LIKE d.code || '%'
                           ORDER BY code LIMIT 1) c ON true
       LEFT JOIN LATERAL (SELECT id, name FROM facility WHERE place_code LIKE d.code || '%'
                           ORDER BY (type IN ('hospital', 'sentinel_hospital', 'fever_clinic')) DESC, id LIMIT 1) f ON true
      WHERE d.level = 'district' AND d.city_id = $1 AND NOT d.functional_zone
      ORDER BY d.code`,
    [options.city],
  );

  const users: (DemoUser & { organisation: string })[] = [];
  await upsertOrganisation(
    pool,
    'demo-city-cdc',
    'city_cdc',
    `${city.rows[0]?.name ?? ''}疾控中心`,
    cityCode,
  );
  await upsertOrganisation(pool, 'demo-command', 'command_centre', '指挥部', cityCode);
  users.push(
    {
      username: 'commander',
      role: 'commander',
      jurisdiction: cityCode,
      facilityId: null,
      note: 'city-wide',
      organisation: 'demo-command',
    },
    {
      username: 'analyst',
      role: 'analyst',
      jurisdiction: cityCode,
      facilityId: null,
      note: 'city-wide',
      organisation: 'demo-city-cdc',
    },
    {
      username: 'admin',
      role: 'admin',
      jurisdiction: cityCode,
      facilityId: null,
      note: 'city-wide',
      organisation: 'demo-city-cdc',
    },
    {
      username: 'public',
      role: 'public_viewer',
      jurisdiction: cityCode,
      facilityId: null,
      note: 'city-wide',
      organisation: 'demo-city-cdc',
    },
  );
  for (const d of districts.rows) {
    const slug = districtSlug(d.name_en ?? d.code);
    for (const [prefix, role, kind] of DISTRICT_ROLES) {
      if (role === 'facility_reporter' && d.facility === null) continue;
      const community = role === 'community_worker' && d.community !== null;
      const jurisdiction = community ? (d.community as string) : d.code;
      const organisation = `demo-${prefix}-${slug}`;
      await upsertOrganisation(pool, organisation, kind, `${d.name} ${prefix}`, jurisdiction);
      users.push({
        username: `${prefix}.${slug}`,
        role,
        jurisdiction,
        facilityId: role === 'facility_reporter' ? d.facility : null,
        note:
          role === 'facility_reporter'
            ? `${d.name}, facility ${d.facility} ${d.facility_name ?? ''}`.trim()
            : community
              ? `${d.name}, community ${d.community} ${d.community_name ?? ''}`.trim()
              : d.name,
        organisation,
      });
    }
  }
  await pool.query(
    `INSERT INTO app_user (username, role, jurisdiction_code, facility_id, organisation_id, password_hash)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
     ON CONFLICT (username) DO UPDATE
        SET role = EXCLUDED.role, jurisdiction_code = EXCLUDED.jurisdiction_code,
            facility_id = EXCLUDED.facility_id, organisation_id = EXCLUDED.organisation_id,
            password_hash = EXCLUDED.password_hash, disabled = false, updated_at = now()
      WHERE app_user.organisation_id LIKE 'demo-%'`,
    [
      users.map((u) => u.username),
      users.map((u) => u.role),
      users.map((u) => u.jurisdiction),
      users.map((u) => u.facilityId),
      users.map((u) => u.organisation),
      users.map(() => hash),
    ],
  );
  return { users: users.map(({ organisation: _o, ...u }) => u), password, generated };
}

/** The lines printed at `npm start`. */
export function describeDemoUsers(demo: DemoUsers): string {
  if (demo.users.length === 0) return '';
  const width = Math.max(...demo.users.map((u) => u.username.length));
  return [
    `  Demo users (demo mode only), password: ${demo.password}${demo.generated ? '  (generated; set SHAOBING_DEMO_PASSWORD to choose it)' : ''}`,
    ...demo.users.map((u) => `    ${u.username.padEnd(width)}  ${u.role.padEnd(17)} ${u.note}`),
    '',
  ].join('\n');
}
