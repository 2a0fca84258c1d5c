import type { ChannelId } from '../channels/channel-id.js';
import { RowProblem } from '../ingest/prepare-batch.js';

/**
 * Reporters bound to one facility (API tokens, facility-reporter users) submit that facility's records
 * only. Each record whose facility field names another facility becomes a RowProblem in its place: the
 * ingest reports it with its row, field and reason, and keeps the good records. Channels without a
 * reporting facility (hotline, opinion) are not a facility's to send.
 */
export const FACILITY_FIELD: Readonly<Record<ChannelId, string | undefined>> = {
  visit: 'facility',
  'report-card': 'facility',
  pharmacy: 'store',
  school: 'school',
  lab: 'lab',
  wastewater: 'site',
  hotline: undefined,
  opinion: undefined,
};

export async function* onlyFacility(
  chunks: AsyncIterable<readonly unknown[]>,
  channel: ChannelId,
  facilityId: string,
): AsyncIterable<readonly unknown[]> {
  const field = FACILITY_FIELD[channel] ?? 'facility';
  for await (const chunk of chunks) {
    yield chunk.map((record) => {
      if (record instanceof RowProblem || record === null || typeof record !== 'object') return record;
      const value: unknown = (record as Record<string, unknown>)[field];
      const given = typeof value === 'string' ? value.trim() : value;
      if (given === facilityId) return record;
      return new RowProblem({
        field,
        key: 'access.other-facility',
        params: { facility: facilityId, given: typeof given === 'string' && given !== '' ? given : '—' },
      });
    });
  }
}
