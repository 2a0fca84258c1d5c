import { api, type Page } from './http';

/** Verification of alerts (src/verification): the duty officer's queue and the decisions. */

export type VerificationStatus = 'pending' | 'dismissed' | 'monitoring' | 'confirmed';
export type VerificationOutcome = 'dismissed' | 'monitoring' | 'confirmed';

export interface Verification {
  readonly id: number;
  readonly alertId: number;
  readonly placeCode: string;
  readonly assignedPlaceCode: string;
  readonly status: VerificationStatus;
  readonly dueAt: string;
  readonly escalatedAt: string | null;
  readonly reason: string | null;
  readonly eventId: number | null;
}

export const listVerifications = (query: { status?: VerificationStatus; alert?: number } = {}) =>
  api<Page<Verification>>('/api/v1/verifications', { query: { limit: 500, ...query } });

export const decideVerification = (
  id: number,
  decision: { outcome: VerificationOutcome; reason?: string; eventTitle?: string },
) =>
  api<{ eventId: number | null }>(`/api/v1/verifications/${id}/decision`, {
    method: 'POST',
    body: decision,
  });
