import { DETECTION_EDITORS, INGEST_ROLES, ROLES, SURVEILLANCE_READERS, type Role } from '../roles.js';
import { PERSON_READERS } from '../masking.js';

/**
 * Who may call each route, as the access-matrix test (../access-matrix.test.ts) expects it. A route that is
 * registered but missing here fails that test: when you add a route, add its line here with the roles it
 * admits ('public' for anyone), next to its `config: access…` declaration.
 *
 * `sample` fills the path parameters for the test's requests; `token: true` marks routes that also admit
 * API tokens (scope ingest); `stream: true` marks endpoints that never end (only refusals are requested).
 */
export interface ExpectedAccess {
  readonly roles: 'public' | readonly Role[];
  readonly token?: true;
  readonly stream?: true;
}

const ANY = ROLES;
const ADMIN = ['admin'] as const;
const RESPONDERS = ['commander', 'analyst', 'duty_officer'] as const;
const TASK_WORKERS = [
  ...RESPONDERS,
  'community_worker',
  'volunteer',
  'supply_officer',
  'ems_dispatcher',
  'hotline_operator',
] as const;

export const ACCESS_TABLE: Readonly<Record<string, ExpectedAccess>> = {
  'GET /api/health': { roles: 'public' },
  'POST /api/v1/auth/login': { roles: 'public' },
  'POST /api/v1/auth/logout': { roles: ANY },
  'GET /api/v1/auth/me': { roles: ANY },

  'GET /api/v1/city': { roles: ANY },
  'GET /api/v1/places': { roles: ANY },
  'GET /api/v1/places/:code': { roles: ANY },
  'GET /api/v1/facilities': { roles: ANY },
  'GET /api/v1/facilities/:id': { roles: ANY },

  'POST /api/v1/ingest/:channel': { roles: INGEST_ROLES, token: true },
  'GET /api/v1/series': { roles: SURVEILLANCE_READERS },
  'GET /api/v1/signals': { roles: SURVEILLANCE_READERS },
  'GET /api/v1/detection/config': { roles: SURVEILLANCE_READERS },
  'PUT /api/v1/detection/config': { roles: DETECTION_EDITORS },
  'GET /api/v1/detection/runs': { roles: SURVEILLANCE_READERS },
  'GET /api/v1/detection/runs/:id/not-evaluated': { roles: SURVEILLANCE_READERS },
  'POST /api/v1/detection/run': { roles: DETECTION_EDITORS },

  'GET /api/v1/alerts': { roles: SURVEILLANCE_READERS },
  'GET /api/v1/alerts/rules': { roles: SURVEILLANCE_READERS },
  'GET /api/v1/alerts/:id': { roles: SURVEILLANCE_READERS },
  'GET /api/v1/alerts/stream': { roles: SURVEILLANCE_READERS, stream: true },
  'GET /api/v1/public/cap': { roles: 'public' },
  'GET /api/v1/public/cap/:id': { roles: 'public' },
  'POST /api/v1/webhooks': { roles: ADMIN },
  'GET /api/v1/webhooks': { roles: ADMIN },
  'DELETE /api/v1/webhooks/:id': { roles: ADMIN },
  'GET /api/v1/webhooks/:id/deliveries': { roles: ADMIN },

  'GET /api/v1/users': { roles: ADMIN },
  'POST /api/v1/users': { roles: ADMIN },
  'PATCH /api/v1/users/:id': { roles: ADMIN },
  'POST /api/v1/users/:id/password': { roles: ADMIN },
  'GET /api/v1/tokens': { roles: ADMIN },
  'POST /api/v1/tokens': { roles: ADMIN },
  'DELETE /api/v1/tokens/:id': { roles: ADMIN },
  'GET /api/v1/organisations': { roles: ADMIN },
  'POST /api/v1/organisations': { roles: ADMIN },
  'GET /api/v1/audit': { roles: ADMIN },
  'GET /api/v1/audit/verify': { roles: ADMIN },
  'GET /api/v1/records/report-card': { roles: PERSON_READERS },
  'GET /api/v1/records/report-card/:cardId': { roles: PERSON_READERS },

  // Other domains' routes, as their owners declared them.
  'GET /api/v1/public/city': { roles: 'public' },
  'GET /assets/*': { roles: 'public' },
  'GET /*': { roles: 'public' },
  'POST /api/v1/alerts/:id/public': { roles: ['commander', 'analyst'] },
  'POST /api/v1/drills': { roles: ['analyst', 'commander', 'admin'] },
  'GET /api/v1/drills': { roles: SURVEILLANCE_READERS },
  'GET /api/v1/drills/:id': { roles: SURVEILLANCE_READERS },
  'GET /api/v1/drills/:id/report': { roles: SURVEILLANCE_READERS },
  'GET /api/v1/verifications': { roles: RESPONDERS },
  'GET /api/v1/verifications/:id': { roles: RESPONDERS },
  'POST /api/v1/verifications/:id/outcome': { roles: RESPONDERS },
  'GET /api/v1/funnel': { roles: RESPONDERS },
  'GET /api/v1/events': { roles: RESPONDERS },
  'POST /api/v1/events': { roles: RESPONDERS },
  'GET /api/v1/events/:id': { roles: RESPONDERS },
  'GET /api/v1/events/:id/timeline': { roles: RESPONDERS },
  'POST /api/v1/events/:id/level': { roles: ['commander'] },
  'POST /api/v1/events/:id/status': { roles: ['commander', 'duty_officer'] },
  'POST /api/v1/events/:id/links': { roles: RESPONDERS },
  'POST /api/v1/events/:id/proposal': { roles: RESPONDERS },
  'POST /api/v1/events/:id/tasks': { roles: RESPONDERS },
  'POST /api/v1/events/:id/tasks/push': { roles: RESPONDERS },
  'GET /api/v1/tasks': { roles: TASK_WORKERS },
  'GET /api/v1/tasks/:id': { roles: TASK_WORKERS },
  'POST /api/v1/tasks/:id/reports': { roles: TASK_WORKERS },
  'POST /api/v1/tasks/:id/status': { roles: TASK_WORKERS },
  'POST /api/v1/tasks/:id/handovers': { roles: TASK_WORKERS },
  'POST /api/v1/handovers/:id/accept': { roles: TASK_WORKERS },
  'POST /api/v1/handovers/:id/decline': { roles: TASK_WORKERS },
  'GET /api/v1/task-receivers': { roles: TASK_WORKERS },
};

/** Values for path parameters in the test's requests. */
export const SAMPLE_PARAMS: Readonly<Record<string, string>> = {
  id: '1',
  code: '420102',
  channel: 'visit',
  cardId: 'C-1',
};
