import type { Catalogue } from '../i18n/messages.js';

/** The access domain's messages (spread into the catalogue in src/i18n/messages.ts). */
export const accessMessages = {
  'access.undeclared': {
    'zh-CN': '此接口未声明访问权限，已拒绝',
    en: 'This route declares no access and is refused',
  },
  'access.invalid-credentials': {
    'zh-CN': '登录已失效或凭据无效，请重新登录',
    en: 'The session has expired or the credentials are invalid: sign in again',
  },
  'access.token-scope': {
    'zh-CN': 'API 令牌只能用于数据上报',
    en: 'An API token can only be used to submit records',
  },
  'access.role': { 'zh-CN': '角色 {role} 无权访问此接口', en: 'The role {role} may not use this route' },
  'access.csrf': {
    'zh-CN': '缺少或错误的 X-CSRF-Token 请求头',
    en: 'The X-CSRF-Token header is missing or wrong',
  },
  'access.bad-login': { 'zh-CN': '用户名或密码错误', en: 'Wrong username or password' },
  'access.outside-jurisdiction': {
    'zh-CN': '{what} 不在您的管辖范围内',
    en: '{what} is outside your jurisdiction',
  },
  'access.other-facility': {
    'zh-CN': '只能上报本机构 {facility} 的记录，而此记录属于 {given}',
    en: 'only records of your facility {facility} are accepted; this one is of {given}',
  },
  'access.purpose-required': {
    'zh-CN': '批量导出必须说明用途（purpose）',
    en: 'a bulk export requires a purpose',
  },
  'access.user-not-found': { 'zh-CN': '没有编号为 {id} 的用户', en: 'No user has the id {id}' },
  'access.token-not-found': { 'zh-CN': '没有编号为 {id} 的令牌', en: 'No API token has the id {id}' },
  'access.username-taken': { 'zh-CN': '用户名 {username} 已被使用', en: 'The username {username} is taken' },
  'access.reporter-facility': {
    'zh-CN': '机构上报员必须绑定一个机构（facilityId）',
    en: 'a facility reporter must be bound to one facility (facilityId)',
  },
  'access.record-not-found': { 'zh-CN': '没有编号为 {id} 的报告卡', en: 'No report card has the id {id}' },
} as const satisfies Catalogue;
