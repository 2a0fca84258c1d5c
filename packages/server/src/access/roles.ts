/**
 * The roles of the platform (one per user) and the kinds of organisation users belong to. Every route
 * names the roles it admits (see route-access.ts); this list is the closed set they are drawn from.
 */
export const ROLES = [
  'commander',
  'analyst',
  'duty_officer',
  'facility_reporter',
  'community_worker',
  'volunteer',
  'supply_officer',
  'ems_dispatcher',
  'hotline_operator',
  'public_viewer',
  'admin',
] as const;

export type Role = (typeof ROLES)[number];

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

export const ORGANISATION_KINDS = [
  'city_cdc',
  'district_cdc',
  'command_centre',
  'hospital',
  'community',
  'warehouse',
  'ems',
  'hotline',
] as const;

export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** How the caller proved who they are. */
export type Credential = 'cookie' | 'bearer' | 'api-token';

/**
 * The authenticated caller, as handlers read it from `request.principal`. An API token acts as a facility
 * reporter of its one facility, with no user behind it (`userId` null) and the scope `ingest` only.
 */
export interface Principal {
  /** null for an API token. */
  readonly userId: number | null;
  /** The user's name, or `token:<id>` for an API token. */
  readonly username: string;
  readonly role: Role;
  readonly organisationId: string | null;
  /** Place code: the caller sees this place and everything below it (codes nest by prefix). */
  readonly jurisdiction: string;
  /** Facility reporters and API tokens: the one facility they report for. */
  readonly facilityId: string | null;
  readonly via: Credential;
  /** API tokens: the token's id. */
  readonly tokenId: number | null;
  /** Session logins: the session's id (logout revokes it). */
  readonly sessionId: number | null;
}

/** Who reads the surveillance picture (series, signals, alerts, detection runs): aggregated, no persons. */
export const SURVEILLANCE_READERS = [
  'commander',
  'analyst',
  'duty_officer',
  'admin',
] as const satisfies Role[];

/** Who changes detection and alert configuration and starts detection runs. */
export const DETECTION_EDITORS = ['analyst', 'admin'] as const satisfies Role[];

/** Who submits records through the API (API tokens of scope `ingest` too). */
export const INGEST_ROLES = ['facility_reporter', 'analyst', 'admin'] as const satisfies Role[];
