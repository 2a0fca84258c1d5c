import { accessMessages } from '../access/messages.js';
import { responseMessages } from '../response/messages.js';
import type { Language } from './language.js';

/** A domain's messages: key → text in every language. */
export type Catalogue = Readonly<Record<string, Readonly<Record<Language, string>>>>;

/**
 * Every message a user can see, in zh-CN and English, by key. `{name}` placeholders are filled from the
 * message's parameters. Keys are grouped by domain; add new ones here rather than writing text in code.
 * A domain with many messages keeps them in its own folder (`src/<domain>/messages.ts`, a `Catalogue`)
 * and spreads them in below, so that domains do not all edit one file.
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
  'city.not-loaded': {
    'zh-CN': '城市 {city} 的数据尚未载入',
    en: 'The data of the city {city} is not loaded',
  },
  'place.not-found': { 'zh-CN': '没有编码为 {code} 的地区', en: 'No place has the code {code}' },
  'facility.not-found': { 'zh-CN': '没有编号为 {id} 的机构', en: 'No facility has the id {id}' },
  'query.unknown-place': { 'zh-CN': '没有编码为 {code} 的地区', en: 'no place has the code {code}' },
  'query.bad-cursor': {
    'zh-CN': '不是本接口返回的分页游标，请使用上一页的 next',
    en: "not a cursor from this API: pass the previous page's next",
  },
  // Ingest: one record's field, and why it was refused.
  'field.type': { 'zh-CN': '应为{expected}', en: 'expected {expected}' },
  'field.too-small': { 'zh-CN': '不能小于 {limit}', en: 'must be at least {limit}' },
  'field.too-big': { 'zh-CN': '不能大于 {limit}', en: 'must be at most {limit}' },
  'field.too-short': { 'zh-CN': '至少 {limit} 个字符', en: 'must have at least {limit} characters' },
  'field.too-long': { 'zh-CN': '最多 {limit} 个字符', en: 'must have at most {limit} characters' },
  'field.one-of': { 'zh-CN': '应为以下之一：{values}', en: 'must be one of: {values}' },
  'field.place-code': {
    'zh-CN': '应为区划代码（4、6、9 或 12 位数字）',
    en: 'expected a place code (4, 6, 9 or 12 digits)',
  },
  'field.slug': {
    'zh-CN': '应为小写英文代码（字母、数字、_ . -）',
    en: 'expected a lower-case key (letters, digits, _ . -)',
  },
  'field.timestamp': {
    'zh-CN': '应为时间，如 2024-01-05T08:30:00 或 2024-01-05 08:30+08:00',
    en: 'expected a time such as 2024-01-05T08:30:00 or 2024-01-05 08:30+08:00',
  },
  'field.date': { 'zh-CN': '应为日期 YYYY-MM-DD', en: 'expected a date YYYY-MM-DD' },
  'field.category': { 'zh-CN': '类别不能以 _ 开头', en: 'a category cannot start with _' },
  'field.icd10': { 'zh-CN': '应为 ICD-10 编码，如 J11.1', en: 'expected ICD-10 codes such as J11.1' },
  'field.id-number': {
    'zh-CN': '身份证号校验位不符，或证件号格式无效',
    en: 'citizen ID check digit does not match, or the document number is malformed',
  },
  'field.phone': { 'zh-CN': '电话号码格式无效', en: 'malformed phone number' },
  'type.number': { 'zh-CN': '数字', en: 'a number' },
  'type.int': { 'zh-CN': '整数', en: 'a whole number' },
  'type.string': { 'zh-CN': '文本', en: 'text' },
  'type.boolean': { 'zh-CN': 'true 或 false', en: 'true or false' },
  'type.object': { 'zh-CN': '对象', en: 'an object' },
  'ingest.not-an-object': { 'zh-CN': '记录应为一个对象', en: 'a record must be an object' },
  'ingest.unknown-facility': { 'zh-CN': '未知机构代码 {code}', en: 'unknown facility code {code}' },
  'ingest.unknown-place': { 'zh-CN': '未知区划代码 {code}', en: 'unknown place code {code}' },
  'ingest.facility-type': {
    'zh-CN': '机构 {code} 的类型为 {type}，不报送本渠道（应为：{expected}）',
    en: 'facility {code} is of type {type}, which does not report on this channel (expected: {expected})',
  },
  'ingest.residence-outside-city': {
    'zh-CN': '现住址代码 {code} 不在本市：按报告机构所在地 {place} 计数',
    en: "residence {code} is outside the city: counted at the reporting facility's place {place}",
  },
  'ingest.list-truncated': {
    'zh-CN': '共 {total} 条，此处列出前 {shown} 条',
    en: '{total} in all; the first {shown} are listed',
  },
  'ingest.future': { 'zh-CN': '日期在未来：{value}', en: 'date is in the future: {value}' },
  'ingest.too-old': {
    'zh-CN': '日期早于 {earliest}：{value}',
    en: 'date is before {earliest}: {value}',
  },
  'ingest.unknown-disease': {
    'zh-CN': '不在法定传染病目录中：{disease}',
    en: 'not on the list of notifiable diseases: {disease}',
  },
  'ingest.not-notifiable': {
    'zh-CN': '{disease} 在 {date} 不是法定传染病',
    en: '{disease} was not notifiable on {date}',
  },
  'ingest.onset-after-diagnosis': {
    'zh-CN': '发病日期 {onset} 晚于诊断日期 {diagnosis}',
    en: 'onset {onset} is after diagnosis {diagnosis}',
  },
  'ingest.result-before-sample': {
    'zh-CN': '结果日期早于采样日期',
    en: 'result date is before the sampling date',
  },
  'ingest.absent-exceeds-enrolled': {
    'zh-CN': '缺课人数之和超过在校人数',
    en: 'pupils absent add up to more than enrolled',
  },
  'ingest.card-exists': {
    'zh-CN': '报告卡 {card} 已存在且内容不同；修改请以订正报告（correction）报送',
    en: 'card {card} already exists with other content; send changes as type correction',
  },
  'ingest.card-unknown': {
    'zh-CN': '报告卡 {card} 不存在，无法删除',
    en: 'card {card} does not exist and cannot be withdrawn',
  },
  'ingest.card-withdrawn': {
    'zh-CN': '报告卡 {card} 已删除，不能订正',
    en: 'card {card} was withdrawn and cannot be corrected',
  },
  'ingest.csv-columns': {
    'zh-CN': '列数不符：表头 {expected} 列，此行 {got} 列',
    en: 'wrong number of columns: the header has {expected}, this row {got}',
  },
  'ingest.csv-malformed': { 'zh-CN': 'CSV 格式错误：{detail}', en: 'malformed CSV: {detail}' },
  'ingest.json-malformed': { 'zh-CN': 'JSON 格式错误：{detail}', en: 'malformed JSON: {detail}' },
  'ingest.body-not-array': {
    'zh-CN': '请求体应为 JSON 数组或 CSV',
    en: 'the body must be a JSON array or CSV',
  },
  'ingest.unknown-channel': {
    'zh-CN': '未知数据渠道 {channel}；可用：{known}',
    en: 'unknown channel {channel}; known: {known}',
  },
  'ingest.content-type': {
    'zh-CN': '不支持的内容类型 {type}；请用 application/json 或 text/csv',
    en: 'unsupported content type {type}; use application/json or text/csv',
  },
  'hl7.no-msh': { 'zh-CN': '消息应以 MSH 段开头', en: 'the message must start with an MSH segment' },
  'hl7.encoding': {
    'zh-CN': 'MSH-1/MSH-2 分隔符无效（应为 |^~\\& 之类五个不同的符号）',
    en: 'MSH-1/MSH-2 encoding characters are invalid (five distinct symbols such as |^~\\&)',
  },
  'hl7.segment-name': {
    'zh-CN': '第 {number} 段（{text}）格式错误：应以三位段名（大写字母或数字）加字段分隔符开头',
    en: 'segment {number} ({text}) is malformed: it must start with a three-character segment name and the field separator',
  },
  'hl7.second-msh': {
    'zh-CN': '一帧中出现第二个 MSH 段：每帧只发送一条消息',
    en: 'a second MSH segment: send one message per frame',
  },
  'hl7.message-type': {
    'zh-CN': '不接收消息类型 {type}；请发送 ADT^A01、A03、A04 或 A08',
    en: 'message type {type} is not accepted; send ADT^A01, A03, A04 or A08',
  },
  'hl7.version': {
    'zh-CN': '不接收 HL7 版本 {version}；请发送 2.x（2.5.1）',
    en: 'HL7 version {version} is not accepted; send 2.x (2.5.1)',
  },
  'hl7.processing-id': {
    'zh-CN': '不接收处理标识 {value}：本接口只接收正式消息（P）',
    en: 'processing id {value} is not accepted: this endpoint takes production messages (P)',
  },
  'hl7.facility-not-allowed': {
    'zh-CN': '发送机构 {facility} 未获准通过本接口报送',
    en: 'sending facility {facility} is not allowed to send here',
  },
  'hl7.required': { 'zh-CN': '缺少必填字段 {field}', en: 'required field {field} is missing' },
  'hl7.timestamp': {
    'zh-CN': '{value} 不是 HL7 时间（YYYYMMDDHHMM[SS][+ZZZZ]）',
    en: '{value} is not an HL7 date/time (YYYYMMDDHHMM[SS][+ZZZZ])',
  },
  'hl7.number': { 'zh-CN': '{value} 不是数字', en: '{value} is not a number' },
  'hl7.unit': { 'zh-CN': '无法识别 {what} 的单位 {unit}', en: 'unit {unit} of {what} is not understood' },
  'hl7.internal': {
    'zh-CN': '消息暂时无法保存，请稍后重发',
    en: 'the message could not be stored now; send it again later',
  },
  'hl7.accepted': { 'zh-CN': '已接收', en: 'accepted' },
  'hl7.duplicate': {
    'zh-CN': '重复消息，已存在相同记录',
    en: 'duplicate: the same record is already stored',
  },
  'hl7.corrected': { 'zh-CN': '已更新该就诊记录', en: 'the visit record was updated' },
  // Detection runs and their configuration.
  'detection.config-not-found': {
    'zh-CN': '没有第 {version} 版检测配置',
    en: 'There is no detection configuration version {version}',
  },
  'detection.config-stale': {
    'zh-CN': '检测配置已被他人修改（本次修改基于第 {version} 版）；请重新读取后再保存',
    en: 'The detection configuration was changed since version {version}, which this edit started from; read it again and save',
  },
  'detection.run-not-found': {
    'zh-CN': '没有编号为 {id} 的检测运行',
    en: 'No detection run has the id {id}',
  },
  // Alerts: why an alert fired, in words with its numbers (src/alerts/rules/*), and the names they use.
  'alert.reason.single-case': {
    'zh-CN': '{place}报告{disease}{classification}病例 1 例（{diseaseClass}），发病日期 {date}。',
    en: 'One {classification} case of {disease} ({diseaseClass}) reported in {place}, onset {date}.',
  },
  'alert.reason.single-case-visit': {
    'zh-CN': '{facility}于 {date} 接诊{family}病例 1 例（主诉或诊断含“{matched}”），居住地{place}。',
    en: '{facility} saw a case of {family} on {date} (the complaint or diagnosis reads “{matched}”), living in {place}.',
  },
  'alert.reason.single-case-lab': {
    'zh-CN': '{place}检出 {pathogen} 阳性 1 例（采样日期 {date}）。',
    en: 'A positive {pathogen} result in {place} (sampled {date}).',
  },
  'alert.reason.cluster': {
    'zh-CN': '{unit}在 {from} 至 {to} 出现{family} {cases} 例，达到聚集标准（{days} 天内 ≥ {min} 例）。',
    en: '{cases} cases of {family} at {unit} from {from} to {to}, reaching the cluster threshold of {min} in {days} days.',
  },
  'alert.reason.cluster-peak': {
    'zh-CN':
      '{unit}在 {date} 单日出现{family} {cases} 例（{from} 至 {to} 间最多的一天），达到聚集标准（单日 ≥ {min} 例）。',
    en: '{cases} cases of {family} at {unit} on one day, {date} (the most of any day from {from} to {to}), reaching the cluster threshold of {min} in a day.',
  },
  'alert.reason.statistical': {
    'zh-CN':
      '{place}{channel}“{signal}”（{period}）观察值 {observed}，预期 {expected}，超过阈值 {threshold}（{method}{pvalue}）。',
    en: '{channel} “{signal}” in {place} ({period}): {observed} observed against {expected} expected, above the threshold {threshold} ({method}{pvalue}).',
  },
  'alert.reason.concordance': {
    'zh-CN':
      '{from} 至 {to}，{place}及相邻地区 {agreeing} 个渠道同时出现{family}异常（{channels}），合并 p = {p}（Zaykin 截尾乘积法，阈值 {alpha}）。',
    en: 'From {from} to {to}, {agreeing} channels show {family} above expectation in {place} and neighbouring places ({channels}); combined p = {p} (Zaykin truncated product, threshold {alpha}).',
  },
  'alert.reason.level': { 'zh-CN': '预警级别：{level}（{label}）。', en: 'Level {level}: {label}.' },
  'alert.period.day': { 'zh-CN': '{date}', en: '{date}' },
  'alert.period.week': { 'zh-CN': '{date} 起的一周', en: 'week of {date}' },
  'alert.channel.visit': { 'zh-CN': '门急诊就诊', en: 'clinic visits' },
  'alert.channel.report-card': { 'zh-CN': '传染病报告卡', en: 'case reports' },
  'alert.channel.pharmacy': { 'zh-CN': '药店销售', en: 'pharmacy sales' },
  'alert.channel.school': { 'zh-CN': '学校缺课', en: 'school absence' },
  'alert.channel.lab': { 'zh-CN': '实验室检测', en: 'laboratory results' },
  'alert.channel.hotline': { 'zh-CN': '热线', en: 'hotline calls' },
  'alert.channel.opinion': { 'zh-CN': '舆情', en: 'public opinion' },
  'alert.channel.wastewater': { 'zh-CN': '污水监测', en: 'wastewater' },
  'alert.classification.suspected': { 'zh-CN': '疑似', en: 'suspected' },
  'alert.classification.clinical': { 'zh-CN': '临床诊断', en: 'clinically diagnosed' },
  'alert.classification.confirmed': { 'zh-CN': '确诊', en: 'confirmed' },
  'alert.classification.carrier': { 'zh-CN': '病原携带者', en: 'carrier' },
  'alert.disease-class.A': { 'zh-CN': '甲类', en: 'class A' },
  'alert.disease-class.B': { 'zh-CN': '乙类', en: 'class B' },
  'alert.disease-class.BA': { 'zh-CN': '乙类，按甲类管理', en: 'class B managed as class A' },
  'alert.disease-class.C': { 'zh-CN': '丙类', en: 'class C' },
  'alert.disease-class.monitored': { 'zh-CN': '重点监测', en: 'monitored' },
  'alert.not-found': { 'zh-CN': '没有编号为 {id} 的预警', en: 'No alert has the id {id}' },
  'alert.cap-not-found': {
    'zh-CN': '没有标识为 {id} 的公开预警',
    en: 'No public alert has the identifier {id}',
  },
  'webhook.not-found': { 'zh-CN': '没有编号为 {id} 的订阅', en: 'No webhook subscription has the id {id}' },
  // The public CAP feed: words for the public, never names of schools, hospitals or communities.
  'cap.event': { 'zh-CN': '{family}预警', en: '{family} alert' },
  'cap.headline': { 'zh-CN': '{area}{family}{level}预警', en: '{level} alert: {family} in {area}' },
  'cap.description.single-case': {
    'zh-CN': '{area}报告{family}病例，疾控机构正在核实处置。',
    en: 'A case of {family} was reported in {area}; public-health officers are verifying it and responding.',
  },
  'cap.description.cluster': {
    'zh-CN': '{area}出现{family}聚集性病例，疾控机构正在核实处置。',
    en: 'A cluster of {family} was found in {area}; public-health officers are verifying it and responding.',
  },
  'cap.description.statistical': {
    'zh-CN': '{area}{family}监测数据高于预期，疾控机构正在核实。',
    en: 'Surveillance data for {family} in {area} are above expectation; public-health officers are verifying.',
  },
  'cap.description.concordance': {
    'zh-CN': '{area}及周边多个监测渠道同时显示{family}高于预期，疾控机构正在核实。',
    en: 'Several surveillance channels show {family} above expectation in and around {area}; public-health officers are verifying.',
  },
  'cap.feed-title': { 'zh-CN': '{city}公共卫生预警', en: 'Public-health alerts, {city}' },
  'cap.cancelled': {
    'zh-CN': '{area}{family}预警已撤销：据以发布的数据已更正或撤回。',
    en: 'The {family} alert for {area} is cancelled: the data it was issued on has been corrected or withdrawn.',
  },
  ...accessMessages,
  ...responseMessages,
} as const satisfies Catalogue;

export type MessageKey = keyof typeof catalogue;
export type MessageParams = Readonly<Record<string, string | number>>;

export function translate(key: MessageKey, language: Language, params: MessageParams = {}): string {
  return catalogue[key][language].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
