import type pg from 'pg';
import { receiveHl7 } from '../ingest/hl7/receive.js';
import { decodeHl7 } from './charset.js';
import { facilityGate } from './facility-gate.js';
import type { MllpSettings } from './mllp-config.js';
import { startMllpServer, type MllpServer } from './mllp-server.js';

/**
 * The platform's HL7 v2 endpoint: MLLP (over TLS when configured), each message received as a visit
 * (ingest/hl7/receive.ts). Acknowledgements are written in UTF-8
 * (MSH-18 says so) whatever character set the message came in.
 */
export async function startHl7Listener(options: {
  readonly port: number;
  readonly host?: string;
  readonly settings: MllpSettings;
  readonly pool: pg.Pool;
  readonly log: (line: string) => void;
}): Promise<MllpServer> {
  const { settings, pool, log } = options;
  const allowFacility = facilityGate(pool, settings.facilities);
  return startMllpServer({
    port: options.port,
    ...(options.host === undefined ? {} : { host: options.host }),
    tls: settings.tls,
    log,
    handle: async (bytes) => {
      const receipt = await receiveHl7(decodeHl7(bytes), {
        db: pool,
        allowFacility,
        language: settings.language,
      });
      if (receipt.outcome === 'failed') log('mllp: a message could not be stored (AR sent)');
      return Buffer.from(receipt.ack, 'utf8');
    },
  });
}
