import type { Language } from './language.js';

/**
 * Every message a user can see, in zh-CN and English, by key. `{name}` placeholders are filled from the
 * message's parameters. Keys are grouped by domain; add new ones here rather than writing text in code.
 */
const catalogue = {
  'error.invalid': { 'zh-CN': '请求无效：{detail}', en: 'Invalid request: {detail}' },
  'error.not-found': { 'zh-CN': '未找到：{what}', en: 'Not found: {what}' },
  'error.conflict': { 'zh-CN': '冲突：{detail}', en: 'Conflict: {detail}' },
  'error.forbidden': { 'zh-CN': '无权访问', en: 'Forbidden' },
  'error.unauthorized': { 'zh-CN': '请先登录', en: 'Login required' },
  'error.too-large': { 'zh-CN': '请求体超过上限 {limit}', en: 'Request body exceeds the limit of {limit}' },
  'error.rate-limited': { 'zh-CN': '请求过于频繁，请稍后再试', en: 'Too many requests, try again later' },
  'error.unavailable': { 'zh-CN': '服务暂不可用：{detail}', en: 'Service unavailable: {detail}' },
  'error.internal': { 'zh-CN': '服务器内部错误', en: 'Internal server error' },
  'field.required': { 'zh-CN': '缺少必填字段', en: 'required field is missing' },
  'field.invalid': { 'zh-CN': '{detail}', en: '{detail}' },
} as const satisfies Record<string, Record<Language, string>>;

export type MessageKey = keyof typeof catalogue;
export type MessageParams = Readonly<Record<string, string | number>>;

export function translate(key: MessageKey, language: Language, params: MessageParams = {}): string {
  return catalogue[key][language].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
