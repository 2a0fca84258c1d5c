import { api, type Page } from './http';

/** Public-health events (突发公共卫生事件, src/events): list, one event, its timeline, the response level. */

export const RESPONSE_LEVELS = ['I', 'II', 'III', 'IV'] as const;
export type ResponseLevel = (typeof RESPONSE_LEVELS)[number];
export type EventStatus = 'active' | 'controlled' | 'closed';

export interface HealthEvent {
  readonly id: number;
  readonly type: string;
  readonly title: string;
  readonly placeCode: string;
  readonly placeName: string | null;
  readonly ownerPlaceCode: string;
  readonly ownerOrgId: string | null;
  readonly status: EventStatus;
  readonly level: ResponseLevel | null;
  readonly proposedLevel: ResponseLevel | null;
  readonly alertIds: number[];
  readonly cases: number;
  readonly openedAt: string;
}

export interface LevelChange {
  readonly level: ResponseLevel;
  readonly previousLevel: ResponseLevel | null;
  readonly reason: string;
  readonly setAt: string;
}

export interface TimelineEntry {
  readonly seq: number;
  readonly at: string;
  readonly kind: string;
  readonly actor: number | null;
  readonly taskId: number | null;
  readonly details: Record<string, unknown>;
}

export const listEvents = (query: { place?: string; status?: EventStatus } = {}) =>
  api<Page<HealthEvent>>('/api/v1/events', { query: { limit: 200, ...query } });

export const getEvent = (id: number) => api<HealthEvent & { levels: LevelChange[] }>(`/api/v1/events/${id}`);

export const getTimeline = (id: number) =>
  api<Page<TimelineEntry>>(`/api/v1/events/${id}/timeline`, { query: { limit: 500 } });

export const setResponseLevel = (id: number, level: ResponseLevel, reason: string) =>
  api<HealthEvent>(`/api/v1/events/${id}/level`, { method: 'POST', body: { level, reason } });
