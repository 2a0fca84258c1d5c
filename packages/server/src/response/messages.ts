import type { Catalogue } from '../i18n/messages.js';

/** Messages of verification, events and tasks (src/verification/, src/events/, src/tasks/). */
export const responseMessages = {
  'response.reason-required': {
    'zh-CN': '{field} 必须填写原因',
    en: '{field}: a reason is required',
  },
  'verification.not-found': { 'zh-CN': '没有编号为 {id} 的核实任务', en: 'No verification has the id {id}' },
  'verification.decided': {
    'zh-CN': '核实任务 {id} 已有结论（{status}），不能改为 {to}',
    en: 'Verification {id} is already decided ({status}) and cannot become {to}',
  },
  'event.not-found': { 'zh-CN': '没有编号为 {id} 的事件', en: 'No event has the id {id}' },
  'event.closed': { 'zh-CN': '事件 {id} 已结束，不能再更改', en: 'Event {id} is closed and cannot change' },
  'event.bad-transition': {
    'zh-CN': '事件 {id} 不能从 {from} 改为 {to}',
    en: 'Event {id} cannot go from {from} to {to}',
  },
  'task.not-found': { 'zh-CN': '没有编号为 {id} 的任务', en: 'No task has the id {id}' },
  'task.bad-transition': {
    'zh-CN': '任务 {id} 不能从 {from} 改为 {to}',
    en: 'Task {id} cannot go from {from} to {to}',
  },
  'task.not-owner': {
    'zh-CN': '任务 {id} 由 {owner} 负责，只有负责单位可以操作',
    en: 'Task {id} is owned by {owner}; only the owning organisation may do this',
  },
  'task.handover-pending': {
    'zh-CN': '任务 {id} 已有待接收的移交',
    en: 'Task {id} already has a hand-over waiting to be accepted',
  },
  'task.handover-not-found': { 'zh-CN': '没有编号为 {id} 的移交', en: 'No hand-over has the id {id}' },
  'task.handover-answered': {
    'zh-CN': '移交 {id} 已处理',
    en: 'Hand-over {id} has already been answered',
  },
  'task.handover-self': {
    'zh-CN': '任务 {id} 已由 {owner} 负责，不能移交给自己',
    en: 'Task {id} is already owned by {owner}; it cannot be handed over to it',
  },
  'task.no-owner': {
    'zh-CN': '地区 {code} 没有可接收任务的单位',
    en: 'No organisation can receive a task at the place {code}',
  },
  'organisation.not-found': { 'zh-CN': '没有编号为 {id} 的单位', en: 'No organisation has the id {id}' },
  'task.no-communities': {
    'zh-CN': '地区 {code} 下没有社区',
    en: 'The place {code} has no communities',
  },
} as const satisfies Catalogue;
