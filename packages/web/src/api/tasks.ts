import { api, type Page } from './http';

/** Tasks of the command board (src/tasks): one owner each, hand-over, pushes to communities, reports. */

export const TASK_KINDS = [
  'investigation',
  'sampling',
  'disinfection',
  'closed-management',
  'door-to-door-screening',
  'school-measures',
  'public-communication',
  'supply-request',
  'patient-transfer',
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];
export type TaskStatus = 'open' | 'in_progress' | 'done' | 'cancelled';

export interface TaskCounts {
  readonly householdsVisited: number;
  readonly feverFound: number;
  readonly referrals: number;
}

export interface Task {
  readonly id: number;
  readonly eventId: number;
  readonly kind: TaskKind;
  readonly title: string;
  readonly details: string;
  readonly placeCode: string;
  readonly placeName: string | null;
  readonly ownerOrgId: string;
  readonly pushId: number | null;
  readonly status: TaskStatus;
  readonly dueAt: string;
  readonly overdue: boolean;
  readonly counts: TaskCounts;
  readonly pendingHandover: { id: number; toOrgId: string; reason: string } | null;
}

export interface NewTask {
  readonly kind: TaskKind;
  readonly title: string;
  readonly details?: string;
  readonly placeCode: string;
  readonly dueAt: string;
}

export const listTasks = (query: { eventId?: number; mine?: boolean; status?: TaskStatus } = {}) =>
  api<Page<Task>>('/api/v1/tasks', { query: { limit: 1000, ...query } });

export const createTask = (eventId: number, task: NewTask & { ownerOrgId?: string }) =>
  api<Task>(`/api/v1/events/${eventId}/tasks`, { method: 'POST', body: task });

export const pushToCommunities = (eventId: number, task: NewTask) =>
  api<{ pushId: number; taskIds: number[]; withoutOrganisation: string[] }>(
    `/api/v1/events/${eventId}/tasks/push`,
    { method: 'POST', body: task },
  );

export const handOver = (id: number, toOrgId: string, reason: string) =>
  api<unknown>(`/api/v1/tasks/${id}/handovers`, { method: 'POST', body: { toOrgId, reason } });

/** The receiving organisation takes the task over, or declines it (hand-over, 首接负责). */
export const answerHandover = (id: number, accept: boolean) =>
  api<Task>(`/api/v1/handovers/${id}/${accept ? 'accept' : 'decline'}`, { method: 'POST', body: {} });

export interface ProgressReport extends TaskCounts {
  readonly note?: string;
  readonly status?: 'in_progress' | 'done';
}
export const reportProgress = (id: number, report: ProgressReport) =>
  api<unknown>(`/api/v1/tasks/${id}/reports`, { method: 'POST', body: report });
