import { api, type Page } from './http';

/** Public-health events (突发公共卫生事件, src/events): list, one event with its timeline, response level. */

export const RESPONSE_LEVELS = ['I', 'II', 'III', 'IV'] as const;
export type ResponseLevel = (typeof RESPONSE_LEVELS)[number];
export type EventStatus = 'active' | 'controlled' | 'closed';

export interface HealthEvent {
  readonly id: number;
  readonly type: string;
  readonly title: string;
  readonly placeCode: string;
  readonly status: EventStatus;
  readonly responseLevel: ResponseLevel | null;
  readonly proposedLevel: ResponseLevel | null;
  readonly openedAt: string;
}

export interface TimelineEntry {
  readonly seq: number;
  readonly at: string;
  readonly kind: string;
  readonly taskId: number | null;
  readonly details: Record<string, unknown>;
}

export interface EventDetail extends HealthEvent {
  readonly timeline: TimelineEntry[];
}

export const listEvents = (query: { place?: string; status?: EventStatus } = {}) =>
  api<Page<HealthEvent>>('/api/v1/events', { query: { limit: 200, ...query } });

export const getEvent = (id: number) => api<EventDetail>(`/api/v1/events/${id}`);

export const setResponseLevel = (id: number, level: ResponseLevel, reason: string) =>
  api<unknown>(`/api/v1/events/${id}/level`, { method: 'POST', body: { level, reason } });
