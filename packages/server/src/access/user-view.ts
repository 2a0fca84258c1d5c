import { z } from 'zod';
import { ROLES } from './roles.js';

/** A user as the API shows it (never the password hash). */
export const userView = z.object({
  id: z.number().int(),
  username: z.string(),
  role: z.enum(ROLES),
  organisationId: z.string().nullable(),
  jurisdiction: z.string().describe('place code: the user sees this place and below'),
  facilityId: z.string().nullable(),
  disabled: z.boolean(),
});
export type UserView = z.infer<typeof userView>;

export interface UserRow {
  id: string;
  username: string;
  role: (typeof ROLES)[number];
  organisation_id: string | null;
  jurisdiction_code: string;
  facility_id: string | null;
  disabled: boolean;
  password_hash?: string | null;
}

export const USER_COLUMNS = 'id, username, role, organisation_id, jurisdiction_code, facility_id, disabled';

export const toUserView = (r: UserRow): UserView => ({
  id: Number(r.id),
  username: r.username,
  role: r.role,
  organisationId: r.organisation_id,
  jurisdiction: r.jurisdiction_code,
  facilityId: r.facility_id,
  disabled: r.disabled,
});

/** Usernames: lower-case letters, digits, `.`, `_`, `-` (as the demo's `duty.jiangan`). */
export const usernameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, . _ - only');
