import { alertConfigSchema, type AlertConfig, type AlertConfigInput } from './schema.js';

/**
 * The trigger rules a new installation starts with. Each threshold names where it comes from; the city CDC
 * changes them as data (schema.ts), and every firing records the version it was decided under.
 */

/** Diseases whose every case alerts, beyond class A and class B managed as A — CIDARS' fixed-threshold list
 * (单病例预警: 脊髓灰质炎, 人感染高致病性禽流感, 白喉, 炭疽 …) plus the imported haemorrhagic fevers monitored from 2026. */
const SINGLE_CASE_DISEASES = [
  'polio',
  'diphtheria',
  'anthrax',
  'rabies',
  'hpai_human',
  'h7n9_human',
  'novel_influenza_subtype',
  'mers',
  'ebola',
  'lassa',
  'zika',
];

/** Diseases that spread in a community or a class, where 3 cases in a week are worth a look (CIDARS uses
 * the moving percentile for them; the cluster rule catches a local focus the district series dilutes). */
const COMMUNITY_CLUSTER_DISEASES = [
  'hfmd',
  'mumps',
  'varicella',
  'scarlet_fever',
  'measles',
  'rubella',
  'pertussis',
  'dysentery',
  'other_infectious_diarrhea',
  'typhoid_paratyphoid',
  'hepatitis_a',
  'hepatitis_e',
  'acute_hemorrhagic_conjunctivitis',
  'dengue',
];

const input: AlertConfigInput = {
  version: '2026.1',
  families: {
    respiratory: {
      name: { zh: '呼吸道症候群', en: 'respiratory illness' },
      members: [
        { channel: 'visit', signals: ['ili'] },
        { channel: 'pharmacy', signals: ['antipyretic', 'antitussive'] },
        { channel: 'school', signals: ['absent_fever'] },
        { channel: 'lab', signals: ['influenza_a', 'influenza_b', 'sars_cov_2', 'rsv'] },
        { channel: 'hotline', signals: ['respiratory'] },
        { channel: 'opinion', signals: ['respiratory'] },
        { channel: 'report-card', signals: ['influenza'] },
        { channel: 'wastewater', signals: ['sars_cov_2', 'influenza_a'] },
      ],
    },
    gastrointestinal: {
      name: { zh: '消化道症候群', en: 'gastrointestinal illness' },
      members: [
        { channel: 'visit', signals: ['gi'] },
        { channel: 'pharmacy', signals: ['antidiarrhoeal', 'rehydration'] },
        { channel: 'school', signals: ['absent_gi'] },
        { channel: 'lab', signals: ['norovirus'] },
        { channel: 'hotline', signals: ['gi'] },
        { channel: 'opinion', signals: ['gi'] },
        { channel: 'report-card', signals: ['other_infectious_diarrhea', 'dysentery'] },
        { channel: 'wastewater', signals: ['norovirus'] },
      ],
    },
    'hfmd-rash': {
      name: { zh: '手足口病及出疹性疾病', en: 'hand, foot and mouth disease and rash illness' },
      members: [
        { channel: 'visit', signals: ['hfmd', 'rash'] },
        { channel: 'lab', signals: ['enterovirus_71'] },
        { channel: 'report-card', signals: ['hfmd'] },
      ],
    },
    'unknown-pneumonia': { name: { zh: '不明原因肺炎', en: 'pneumonia of unknown cause' }, members: [] },
  },
  rules: [
    {
      id: 'class-a',
      kind: 'single-case',
      name: { zh: '甲类传染病单病例', en: 'a case of a class-A disease' },
      match: { channel: 'report-card', diseaseClass: ['A'] },
      public: true,
    },
    {
      id: 'managed-as-a',
      kind: 'single-case',
      name: { zh: '乙类甲管传染病单病例', en: 'a case of a class-B disease managed as class A' },
      match: { channel: 'report-card', diseaseClass: ['B'], management: ['A'] },
      public: true,
    },
    {
      id: 'listed-disease',
      kind: 'single-case',
      name: { zh: '重点传染病单病例', en: 'a case of a disease on the single-case list' },
      match: { channel: 'report-card', diseases: SINGLE_CASE_DISEASES },
    },
    {
      // 不明原因肺炎: the notifiable list has no card for it, so it is read from what the clinician wrote.
      id: 'unknown-pneumonia',
      kind: 'single-case',
      name: { zh: '不明原因肺炎病例', en: 'a case of pneumonia of unknown cause' },
      match: {
        channel: 'visit',
        complaintContains: ['不明原因肺炎', '原因不明肺炎', '不明原因的肺炎', 'pneumonia of unknown'],
      },
      family: 'unknown-pneumonia',
      unknownCause: true,
    },
    {
      // Schools report, per day, the pupils absent for fever or respiratory illness. The national ILI outbreak
      // definition (10 or more ILI cases in one school within a week, 全国流感监测方案) counts cases, and a week's
      // sum of daily absences counts pupil-days: a pupil away three days counts three times, and on the
      // simulated baseline (about 17 pupil-days a week at a school of 1,270) the sum rule fired at most schools
      // every week — about 10 false alerts per district and month in drills. So, as school symptom surveillance
      // does (学校传染病症状监测预警, thresholds of pupils with like symptoms in one day), the rule takes the most
      // pupils absent on one day within the 7 days: 10 distinct pupils, a lower bound of the week's cases.
      id: 'school-ili',
      kind: 'cluster',
      name: { zh: '学校流感样病例聚集', en: 'an ILI cluster at a school' },
      from: { channel: 'school', signals: ['absent_fever', 'absent_respiratory'], combine: 'sum' },
      unit: 'facility',
      measure: 'peak',
      minCases: 10,
      days: 7,
      growingAt: 20,
      family: 'respiratory',
      public: true,
    },
    {
      id: 'community-disease',
      kind: 'cluster',
      name: { zh: '社区同种传染病聚集', en: 'cases of one disease clustered in a community' },
      from: { channel: 'report-card', signals: COMMUNITY_CLUSTER_DISEASES, combine: 'each' },
      unit: 'community',
      minCases: 3,
      days: 7,
      growingAt: 10,
      public: true,
    },
    {
      id: 'unknown-pneumonia-cluster',
      kind: 'cluster',
      name: { zh: '不明原因肺炎聚集', en: 'a cluster of pneumonia of unknown cause' },
      from: { cases: 'unknown-pneumonia' },
      unit: 'facility',
      minCases: 2,
      days: 14,
      family: 'unknown-pneumonia',
      unknownCause: true,
      public: true,
    },
    {
      // Alarms of the detection rules at their own thresholds (EARS C2 at α 0.001, CIDARS, Farrington), except
      // ESSENCE's, which alarm from p < 0.05 (yellow) and serve the concordance rule as evidence.
      id: 'statistical',
      kind: 'statistical',
      name: { zh: '统计学异常信号', en: 'a statistical aberration' },
      detectionRules: { exclude: ['*essence*'] },
      // The city and its districts, as CIDARS (county) and ESSENCE (county) alert: street and community
      // series are many small counts, and one alarm each opened over 800 blue alerts in the demo's 26 days.
      // Their signals stay stored (series explorer, drills); a local focus alerts through the cluster rules.
      placeLevels: ['city', 'district'],
    },
    {
      // ESSENCE alone at p ≤ 0.001, not at its red (0.01): over every district, signal and day, p < 0.01 would
      // raise a blue alert somewhere in the city every day. Between 0.001 and 0.05 it is concordance evidence.
      id: 'statistical-essence',
      kind: 'statistical',
      name: { zh: '统计学异常信号（ESSENCE）', en: 'a statistical aberration (ESSENCE)' },
      detectionRules: { include: ['*essence*'] },
      maxPValue: 0.001,
      placeLevels: ['city', 'district'],
    },
    {
      id: 'multi-channel',
      kind: 'concordance',
      name: { zh: '多渠道一致异常（多点触发）', en: 'several channels agree (multi-point trigger)' },
      families: ['respiratory', 'gastrointestinal', 'hfmd-rash'],
      // Evidence: ESSENCE's alarms (p < 0.05) and any other stored signal with a p-value at that level, on the
      // districts, where the default detection runs a method with p-values. Windows of 2 days let one
      // channel lag another by a day. A channel agrees at a corrected p ≤ 0.1 (the better of the centre's and
      // the zone's look), and 2 must agree with a combined p ≤ 0.001: on simulated baselines (ESSENCE EWMA on
      // Poisson counts, 6 channels, zones of 5 districts) about 1.1 false alerts per district and year, and 4
      // of 23 sub-threshold outbreaks caught (concordance-baseline.test.ts; the README has the sweep). 0.0025
      // catches 7 of 23 there, but in a whole-city drill without outbreaks (every channel, lab counts included)
      // it doubled the false fused alerts to about 2 per district and month, over the ceiling of 1.
      evidence: { maxPValue: 0.05 },
      placeLevels: ['district'],
      windowDays: 2,
      neighbours: true,
      minChannels: 2,
      channelAlpha: 0.1,
      fusedAlpha: 0.001,
      falseAlertsPerPlaceYear: 3,
      public: true,
    },
  ],
  levelTable: {
    default: 'blue',
    rows: [
      {
        level: 'blue',
        when: { kind: ['statistical'] },
        label: { zh: '单一渠道统计学信号', en: 'a statistical signal in one channel' },
      },
      {
        level: 'yellow',
        when: { kind: ['concordance'], minChannels: 2 },
        label: { zh: '两个渠道一致', en: 'two channels agree' },
      },
      {
        level: 'orange',
        when: { kind: ['concordance'], minChannels: 3 },
        label: { zh: '三个及以上渠道一致', en: 'three or more channels agree' },
      },
      { level: 'yellow', when: { kind: ['cluster'] }, label: { zh: '聚集性病例', en: 'a cluster of cases' } },
      {
        level: 'orange',
        when: { kind: ['cluster'], growing: true },
        label: { zh: '聚集性疫情持续扩大', en: 'a growing cluster' },
      },
      {
        level: 'yellow',
        when: { kind: ['single-case'] },
        label: { zh: '重点传染病病例', en: 'a case of a listed disease' },
      },
      {
        level: 'orange',
        when: { kind: ['single-case'], unknownCause: true },
        label: { zh: '不明原因病例', en: 'a case of unknown cause' },
      },
      {
        level: 'orange',
        when: { diseaseClass: ['B'], management: ['A'] },
        label: { zh: '乙类甲管传染病', en: 'a class-B disease managed as class A' },
      },
      { level: 'red', when: { diseaseClass: ['A'] }, label: { zh: '甲类传染病', en: 'a class-A disease' } },
      {
        level: 'red',
        when: { kind: ['cluster'], unknownCause: true },
        label: { zh: '不明原因聚集性病例', en: 'a cluster of unknown cause' },
      },
    ],
  },
  // CAP 1.2 from the colour: urgency says how soon to act, severity how bad, certainty how sure (OASIS CAP
  // 1.2 §3.2.2). Blue is a statistical hint (possible, minor, future); red a class-A case or an
  // unknown-cause cluster (act now, extreme, likely: verification is still to come).
  levels: {
    blue: {
      name: { zh: '蓝色', en: 'Blue' },
      cap: { urgency: 'Future', severity: 'Minor', certainty: 'Possible' },
    },
    yellow: {
      name: { zh: '黄色', en: 'Yellow' },
      cap: { urgency: 'Expected', severity: 'Moderate', certainty: 'Possible' },
    },
    orange: {
      name: { zh: '橙色', en: 'Orange' },
      cap: { urgency: 'Expected', severity: 'Severe', certainty: 'Likely' },
    },
    red: {
      name: { zh: '红色', en: 'Red' },
      cap: { urgency: 'Immediate', severity: 'Extreme', certainty: 'Likely' },
    },
  },
  cap: {
    sender: 'shaobing.cdc.wuhan',
    senderName: { zh: '武汉市疾病预防控制中心', en: 'Wuhan Center for Disease Control and Prevention' },
    instruction: {
      zh: '请关注官方发布的防控信息；如出现发热、咳嗽、腹泻等症状，请佩戴口罩及时就医，并告知医生近期活动情况。',
      en: 'Follow official public-health notices. If you have fever, cough or diarrhoea, wear a mask, see a doctor promptly and tell them where you have been.',
    },
  },
  quietDays: 14,
};

export const DEFAULT_ALERT_CONFIG: AlertConfig = alertConfigSchema.parse(input);
