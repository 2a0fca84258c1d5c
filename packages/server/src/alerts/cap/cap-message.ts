import type { AlertConfig } from '../config/schema.js';
import type { Names } from '../names.js';
import { translate } from '../../i18n/messages.js';
import type { AlertView } from '../store/alert-view.js';
import { el, type XmlNode } from './xml.js';

/**
 * One alert as a CAP 1.2 message (OASIS Common Alerting Protocol, urn:oasis:names:tc:emergency:cap:1.2),
 * for the public: the area is the district (never a community, a school or a hospital), the words are the
 * public templates (cap.* in the catalogue), and nothing from the evidence is included. Urgency, severity and
 * certainty come from the colour level (config `levels[…].cap`, documented in src/alerts/README.md). The first
 * version is msgType Alert; each later version an Update naming the one before in `references`; an alert
 * closed because its data was corrected or withdrawn (closed_reason 'retracted') is a Cancel naming the last
 * message it takes back, with responseType AllClear.
 */

export const CAP_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2';

export interface CapArea {
  readonly code: string;
  readonly name: { readonly zh: string; readonly en: string };
  readonly polygons: readonly string[];
}

export interface CapInput {
  readonly alert: AlertView;
  readonly area: CapArea;
  /** When this version was issued, and the one before (for an Update), as epoch milliseconds. */
  readonly sentMs: number;
  readonly previousSentMs?: number | undefined;
}

export const capIdentifier = (config: AlertConfig, alertId: number, version: number) =>
  `${config.cap.sender}.alert.${alertId}.v${version}`;

/** CAP times: ISO 8601 with the offset spelt out ('Z' is not allowed), here Asia/Shanghai's +08:00. */
export function capTime(epochMs: number): string {
  const shifted = new Date(Math.floor(epochMs / 1000) * 1000 + 8 * 3_600_000);
  return `${shifted.toISOString().slice(0, 19)}+08:00`;
}

/** The message's headline: the area, the family and the colour, nothing more. */
export function capHeadline(
  config: AlertConfig,
  names: Names,
  input: CapInput,
  language: 'zh-CN' | 'en',
): string {
  const level = config.levels[input.alert.level];
  return translate('cap.headline', language, {
    area: language === 'en' ? input.area.name.en : input.area.name.zh,
    family: names.family(input.alert.family, language),
    level: language === 'en' ? level.name.en : level.name.zh,
  });
}

/** A public alert withdrawn with its data: published as a Cancel of its last message. */
export const isCancelled = (alert: AlertView) =>
  alert.status === 'closed' && alert.closedReason === 'retracted';

export function capMessage(config: AlertConfig, names: Names, input: CapInput): XmlNode {
  const { alert, area } = input;
  const level = config.levels[alert.level];
  const cancelled = isCancelled(alert);
  const info = (language: 'zh-CN' | 'en') => {
    const family = names.family(alert.family, language);
    const areaName = language === 'en' ? area.name.en : area.name.zh;
    return el('info', [
      el('language', language === 'en' ? 'en-US' : 'zh-CN'),
      el('category', 'Health'),
      el('event', translate('cap.event', language, { family })),
      el('responseType', cancelled ? 'AllClear' : 'Monitor'),
      el('urgency', level.cap.urgency),
      el('severity', level.cap.severity),
      el('certainty', level.cap.certainty),
      el('senderName', language === 'en' ? config.cap.senderName.en : config.cap.senderName.zh),
      el('headline', capHeadline(config, names, input, language)),
      el(
        'description',
        translate(cancelled ? 'cap.cancelled' : `cap.description.${alert.kind}`, language, {
          area: areaName,
          family,
        }),
      ),
      el('instruction', language === 'en' ? config.cap.instruction.en : config.cap.instruction.zh),
      config.cap.web ? el('web', config.cap.web) : undefined,
      el('parameter', [el('valueName', 'shaobing:level'), el('value', alert.level)]),
      el('area', [
        el('areaDesc', areaName),
        ...area.polygons.map((p) => el('polygon', p)),
        el('geocode', [el('valueName', 'GB/T 2260'), el('value', area.code)]),
      ]),
    ]);
  };
  const update = alert.version > 1 && input.previousSentMs !== undefined;
  const msgType = cancelled && update ? 'Cancel' : update ? 'Update' : 'Alert';
  return el(
    'alert',
    [
      el('identifier', capIdentifier(config, alert.id, alert.version)),
      el('sender', config.cap.sender),
      el('sent', capTime(input.sentMs)),
      el('status', 'Actual'),
      el('msgType', msgType),
      el('scope', 'Public'),
      msgType === 'Cancel'
        ? el(
            'note',
            translate('cap.cancelled', 'en', {
              area: area.name.en,
              family: names.family(alert.family, 'en'),
            }),
          )
        : undefined,
      update
        ? el(
            'references',
            `${config.cap.sender},${capIdentifier(config, alert.id, alert.version - 1)},${capTime(input.previousSentMs)}`,
          )
        : undefined,
      info('zh-CN'),
      info('en'),
    ],
    { xmlns: CAP_NAMESPACE },
  );
}
