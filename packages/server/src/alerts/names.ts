import type pg from 'pg';
import type { ChannelId } from '../channels/channel-id.js';
import { notifiableDiseases } from '../channels/notifiable-diseases.js';
import type { Language } from '../i18n/language.js';
import { translate, type MessageKey, type MessageParams } from '../i18n/messages.js';
import type { AlertConfig } from './config/schema.js';

/**
 * Names for the reason texts, in either language: places, facilities (schools, hospitals), diseases,
 * families and channels. Places and facilities are read from the city once per name and kept: the city
 * changes rarely, and a missing name only costs a code in the text.
 */
export class Names {
  private readonly places = new Map<string, { zh: string; en: string }>();
  private readonly facilities = new Map<string, { zh: string; en: string }>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly config: AlertConfig,
  ) {}

  async load(wanted: { places?: Iterable<string>; facilities?: Iterable<string> }): Promise<void> {
    const places = [...new Set(wanted.places ?? [])].filter((c) => !this.places.has(c));
    const facilities = [...new Set(wanted.facilities ?? [])].filter((f) => !this.facilities.has(f));
    if (places.length > 0) {
      const rows = await this.pool.query<{ code: string; name: string; name_en: string | null }>(
        'SELECT code, name, name_en FROM place WHERE code = ANY($1::text[])',
        [places],
      );
      for (const r of rows.rows) this.places.set(r.code, { zh: r.name, en: r.name_en ?? r.name });
    }
    if (facilities.length > 0) {
      const rows = await this.pool.query<{ id: string; name: string; name_en: string | null }>(
        'SELECT id, name, name_en FROM facility WHERE id = ANY($1::text[])',
        [facilities],
      );
      for (const r of rows.rows) this.facilities.set(r.id, { zh: r.name, en: r.name_en ?? r.name });
    }
  }

  place(code: string, language: Language): string {
    const name = this.places.get(code);
    return name ? (language === 'en' ? name.en : name.zh) : code;
  }

  facility(id: string, language: Language): string {
    const name = this.facilities.get(id);
    return name ? (language === 'en' ? name.en : name.zh) : id;
  }

  disease(key: string, language: Language): string {
    const version = notifiableDiseases().versions.find((v) => v.key === key);
    return version ? (language === 'en' ? version.nameEn : version.nameZh) : key;
  }

  /** A syndrome family's name, else the disease's, else the key itself. */
  family(key: string, language: Language): string {
    const family = this.config.families[key];
    if (family) return language === 'en' ? family.name.en : family.name.zh;
    return this.disease(key, language);
  }

  text(key: MessageKey, language: Language, params: MessageParams = {}): string {
    return translate(key, language, params);
  }

  channel(id: string, language: Language): string {
    return translate(`alert.channel.${id as ChannelId}` satisfies MessageKey, language);
  }
}
