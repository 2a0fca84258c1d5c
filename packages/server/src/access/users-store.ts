import type pg from 'pg';
import { ApiError, type FieldIssue } from '../http/api-error.js';
import type { Role } from './roles.js';
import { toUserView, USER_COLUMNS, type UserRow, type UserView } from './user-view.js';

/** Users as stored: creation and the checks that their jurisdiction, organisation and facility exist. */

export interface NewUser {
  readonly username: string;
  readonly role: Role;
  readonly jurisdiction: string;
  readonly organisationId?: string | null | undefined;
  readonly facilityId?: string | null | undefined;
  readonly passwordHash: string | null;
}

type Queryable = pg.Pool | pg.PoolClient;

const bad = (issues: FieldIssue[]) =>
  new ApiError(
    'invalid',
    'error.invalid',
    { detail: issues.map((i) => `${i.field}: ${i.reason}`).join('; ') },
    issues,
  );

/** 400 naming the field when a referenced place, organisation or facility does not exist. */
export async function checkReferences(
  db: Queryable,
  fields: {
    jurisdiction?: string | undefined;
    organisationId?: string | null | undefined;
    facilityId?: string | null | undefined;
  },
): Promise<void> {
  const issues: FieldIssue[] = [];
  if (fields.jurisdiction !== undefined) {
    const found = await db.query('SELECT 1 FROM place WHERE code = $1', [fields.jurisdiction]);
    if (found.rowCount === 0)
      issues.push({ field: 'body.jurisdiction', reason: `no place has the code ${fields.jurisdiction}` });
  }
  if (fields.organisationId) {
    const found = await db.query('SELECT 1 FROM organisation WHERE id = $1', [fields.organisationId]);
    if (found.rowCount === 0)
      issues.push({
        field: 'body.organisationId',
        reason: `no organisation has the id ${fields.organisationId}`,
      });
  }
  if (fields.facilityId) {
    const found = await db.query('SELECT 1 FROM facility WHERE id = $1', [fields.facilityId]);
    if (found.rowCount === 0)
      issues.push({ field: 'body.facilityId', reason: `no facility has the id ${fields.facilityId}` });
  }
  if (issues.length > 0) throw bad(issues);
}

export async function insertUser(db: Queryable, user: NewUser): Promise<UserView> {
  if (user.role === 'facility_reporter' && !user.facilityId)
    throw new ApiError('invalid', 'access.reporter-facility');
  const rows = await db.query<UserRow>(
    `INSERT INTO app_user (username, role, jurisdiction_code, organisation_id, facility_id, password_hash)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (username) DO NOTHING
     RETURNING ${USER_COLUMNS}`,
    [
      user.username,
      user.role,
      user.jurisdiction,
      user.organisationId ?? null,
      user.facilityId ?? null,
      user.passwordHash,
    ],
  );
  const row = rows.rows[0];
  if (!row) throw new ApiError('conflict', 'access.username-taken', { username: user.username });
  return toUserView(row);
}

export async function readUser(db: Queryable, id: number): Promise<UserView | undefined> {
  const rows = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM app_user WHERE id = $1`, [id]);
  const row = rows.rows[0];
  return row ? toUserView(row) : undefined;
}
