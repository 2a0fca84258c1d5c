import type { z } from 'zod';
import type { RecordIssue } from '../channels/channel.js';
import type { Language } from '../i18n/language.js';
import { translate, type MessageKey } from '../i18n/messages.js';

/**
 * A record's first problem as a catalogue key, from zod's issue or from a channel's own check, and its
 * reason in the caller's language.
 */

const TYPE_KEYS: Readonly<Record<string, MessageKey>> = {
  number: 'type.number',
  int: 'type.int',
  string: 'type.string',
  boolean: 'type.boolean',
  object: 'type.object',
};

export function issueFromZod(issue: z.core.$ZodIssue, input: unknown): RecordIssue {
  const field = issue.path.map(String).join('.') || 'record';
  const params = (issue as { params?: { key?: MessageKey } }).params;
  if (params?.key) return { field, key: params.key, params };
  switch (issue.code) {
    case 'invalid_type': {
      const value = issue.path.reduce<unknown>(
        (at, step) =>
          at !== null && typeof at === 'object' ? (at as Record<PropertyKey, unknown>)[step] : undefined,
        input,
      );
      if (value === undefined) return { field, key: 'field.required' };
      return { field, key: 'field.type', params: { expected: issue.expected } };
    }
    case 'too_small':
    case 'too_big': {
      const text = issue.origin === 'string';
      const small = issue.code === 'too_small';
      const key: MessageKey = text
        ? small
          ? 'field.too-short'
          : 'field.too-long'
        : small
          ? 'field.too-small'
          : 'field.too-big';
      return { field, key, params: { limit: Number(small ? issue.minimum : issue.maximum) } };
    }
    case 'invalid_value':
      return { field, key: 'field.one-of', params: { values: issue.values.map(String).join(', ') } };
    case 'custom':
    case 'invalid_element':
    case 'invalid_format':
    case 'invalid_key':
    case 'invalid_union':
    case 'not_multiple_of':
    case 'unrecognized_keys':
      return { field, key: 'field.invalid', params: { detail: issue.message } };
  }
}

export function reasonOf(issue: RecordIssue, language: Language): string {
  const params: Record<string, string | number> = { ...issue.params };
  if (issue.key === 'field.type' && typeof params.expected === 'string') {
    const typeKey = TYPE_KEYS[params.expected];
    if (typeKey) params.expected = translate(typeKey, language);
  }
  return translate(issue.key, language, params);
}
