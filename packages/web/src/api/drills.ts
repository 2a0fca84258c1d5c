import { api } from './http';

/** Drills (应急演练, src/drill): start a scenario, watch its progress, read the report. */

export interface Drill {
  readonly id: number;
  readonly scenario: string;
  readonly runs: number;
  readonly status: 'queued' | 'running' | 'done' | 'failed';
  readonly progress: number;
  readonly phase: string | null;
  readonly createdAt: string;
  readonly finishedAt: string | null;
  readonly error: string | null;
}

export const listDrills = () => api<{ items: Drill[] }>('/api/v1/drills');
export const getDrill = (id: number) => api<Drill>(`/api/v1/drills/${id}`);
export const getDrillReport = (id: number) => api<unknown>(`/api/v1/drills/${id}/report`);
export const startDrill = (scenario: string, runs = 1) =>
  api<Drill>('/api/v1/drills', { method: 'POST', body: { scenario, runs } });
