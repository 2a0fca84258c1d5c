import { api, type Page } from './http';

/** Drills (应急演练, src/drill): start a scenario, watch its progress, read the report. */

export interface Drill {
  readonly id: number;
  readonly scenario: string;
  readonly status: 'running' | 'done' | 'failed';
  readonly progress: number | null;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly report: unknown;
  readonly error: string | null;
}

export const listDrills = () => api<Page<Drill>>('/api/v1/drills');
export const getDrill = (id: number) => api<Drill>(`/api/v1/drills/${id}`);
export const startDrill = (scenario: string, runs = 1) =>
  api<Drill>('/api/v1/drills', { method: 'POST', body: { scenario, runs } });
