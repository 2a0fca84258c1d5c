import type { Position } from './city';

/**
 * What anyone may read without login: GET /api/v1/public/city (districts with counts, small ones already
 * "<5" from the server) and GET /api/v1/public/cap (an Atom feed of CAP 1.2 messages, read here).
 */

export type PublicCount = number | '<5';
export interface PublicCity {
  readonly name: string;
  readonly nameEn: string;
  readonly from: string;
  readonly to: string;
  readonly districts: {
    readonly type: 'FeatureCollection';
    readonly features: {
      readonly type: 'Feature';
      readonly id: string;
      readonly properties: {
        code: string;
        name: string;
        nameEn: string | null;
        label: Position | null;
        cases7d: PublicCount;
        publicAlerts: PublicCount;
      };
      readonly geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown[] } | null;
    }[];
  };
}

export async function getPublicCity(): Promise<PublicCity> {
  const response = await fetch('/api/v1/public/city', { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return (await response.json()) as PublicCity;
}

export interface PublicAlert {
  readonly identifier: string;
  /** The area's GB/T 2260 or NBS code. */
  readonly areaCode: string | null;
  readonly severity: string;
  readonly urgency: string;
  readonly sent: string;
  /** By CAP language tag: zh-CN, en-US. */
  readonly headline: ReadonlyMap<string, string>;
  readonly description: ReadonlyMap<string, string>;
  readonly area: ReadonlyMap<string, string>;
}

const CAP_NS = 'urn:oasis:names:tc:emergency:cap:1.2';

function text(parent: Element, name: string): string {
  return parent.getElementsByTagNameNS(CAP_NS, name)[0]?.textContent?.trim() ?? '';
}

export function parseCapFeed(xml: string): PublicAlert[] {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  return [...doc.getElementsByTagNameNS(CAP_NS, 'alert')].map((alert) => {
    const headline = new Map<string, string>();
    const description = new Map<string, string>();
    const area = new Map<string, string>();
    let severity = '';
    let urgency = '';
    let areaCode: string | null = null;
    for (const info of alert.getElementsByTagNameNS(CAP_NS, 'info')) {
      const language = text(info, 'language') || 'en-US';
      headline.set(language, text(info, 'headline'));
      description.set(language, text(info, 'description'));
      const areaElement = info.getElementsByTagNameNS(CAP_NS, 'area')[0];
      if (areaElement) {
        area.set(language, text(areaElement, 'areaDesc'));
        areaCode ??= text(areaElement, 'value') || null;
      }
      severity ||= text(info, 'severity');
      urgency ||= text(info, 'urgency');
    }
    return {
      identifier: text(alert, 'identifier'),
      areaCode,
      severity,
      urgency,
      sent: text(alert, 'sent'),
      headline,
      description,
      area,
    };
  });
}

export async function getPublicAlerts(): Promise<PublicAlert[]> {
  const response = await fetch('/api/v1/public/cap', { headers: { accept: 'application/atom+xml' } });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return parseCapFeed(await response.text());
}
