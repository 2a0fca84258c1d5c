import type { AlertLevel, Bilingual } from './alerts';
import { api, type Page } from './http';

/** Verification of alerts (src/verification): the duty desk's queue, and the outcome of each. */

export type VerificationStatus = 'pending' | 'dismissed' | 'monitoring' | 'confirmed';
export type VerificationOutcome = 'dismissed' | 'monitoring' | 'confirmed';

export interface Verification {
  readonly id: number;
  readonly alert: {
    readonly id: number;
    readonly family: string;
    readonly level: AlertLevel;
    readonly placeCode: string;
    readonly placeName: string | null;
    readonly reason: Bilingual;
  };
  readonly assignedPlaceCode: string;
  readonly assignedOrgId: string | null;
  readonly deadlineRule: string;
  readonly dueAt: string;
  readonly overdue: boolean;
  readonly status: VerificationStatus;
  readonly escalatedAt: string | null;
  readonly reason: string | null;
  readonly eventId: number | null;
}

export const listVerifications = (query: { status?: VerificationStatus; place?: string } = {}) =>
  api<Page<Verification>>('/api/v1/verifications', { query: { limit: 1000, ...query } });

/** The verification of one alert, if the caller may see it. */
export async function verificationOfAlert(alertId: number): Promise<Verification | null> {
  const page = await listVerifications();
  return page.items.find((v) => v.alert.id === alertId) ?? null;
}

export const decideVerification = (
  id: number,
  decision: { outcome: VerificationOutcome; reason?: string; eventTitle?: string },
) => api<Verification>(`/api/v1/verifications/${id}/outcome`, { method: 'POST', body: decision });
