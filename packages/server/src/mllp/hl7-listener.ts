import type pg from 'pg';
import type { MllpSettings } from '../config.js';
import { receiveHl7 } from '../ingest/hl7/receive.js';
import { ackCharset, charsetOf, decodeHl7 } from './charset.js';
import { facilityGate } from './facility-gate.js';
import { startMllpServer, type MllpServer } from './mllp-server.js';

/**
 * The platform's HL7 v2 endpoint: MLLP (over TLS when configured), each message received as a visit
 * (ingest/hl7/receive.ts) from a sending facility the gate lets in. Acknowledgements are written in the
 * message's character set when it is UTF-8 or a GB one, else in UTF-8; their MSH-18 says which
 * (mllp/charset.ts).
 */
export async function startHl7Listener(options: {
  readonly port: number;
  readonly host?: string;
  readonly settings: MllpSettings;
  readonly pool: pg.Pool;
  readonly log: (line: string) => void;
}): Promise<MllpServer> {
  const { settings, pool, log } = options;
  const allowFacility = facilityGate(pool, settings.allow);
  return startMllpServer({
    port: options.port,
    ...(options.host === undefined ? {} : { host: options.host }),
    tls: settings.tls,
    log,
    handle: async (bytes) => {
      const charset = charsetOf(bytes);
      const answer = ackCharset(charset);
      const receipt = await receiveHl7(decodeHl7(bytes, charset), {
        db: pool,
        allowFacility,
        language: settings.language,
        ackCharset: answer.msh18,
      });
      if (receipt.outcome === 'failed') log('mllp: a message could not be stored (AR sent)');
      return answer.encode(receipt.ack);
    },
  });
}
