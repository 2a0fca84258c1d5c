import type { Channel } from './series';
import { readAnswer, requestHeaders } from './http';

/** POST /api/v1/ingest/{channel}: a CSV file with upload progress, or records typed in by hand. */

export interface RejectedRecord {
  readonly row: number;
  readonly field: string;
  readonly reason: string;
}
export interface IngestReport {
  readonly received: number;
  readonly accepted: number;
  readonly duplicates: number;
  readonly corrections?: number;
  readonly rejected: RejectedRecord[];
}

/** XMLHttpRequest rather than fetch: only it reports upload progress. */
export function uploadCsv(
  channel: Channel,
  file: Blob,
  onProgress: (fraction: number) => void,
): Promise<IngestReport> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/ingest/${channel}`);
    xhr.withCredentials = true;
    for (const [name, value] of Object.entries(requestHeaders('POST', 'text/csv'))) {
      xhr.setRequestHeader(name, value);
    }
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      try {
        resolve(readAnswer<IngestReport>(xhr.status, xhr.responseText));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
    xhr.onerror = () => reject(new Error('network error'));
    xhr.send(file);
  });
}

export async function submitRecords(channel: Channel, records: readonly object[]): Promise<IngestReport> {
  const response = await fetch(`/api/v1/ingest/${channel}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: requestHeaders('POST', 'application/json'),
    body: JSON.stringify(records),
  });
  return readAnswer<IngestReport>(response.status, await response.text());
}
