/**
 * The response-level criteria of the national plan, as data, for the cases the platform can count.
 *
 * Source: 国家突发公共卫生事件应急预案 (State Council, 2006-02-26), §1.3 突发公共卫生事件的分级 — 特别重大 (I),
 * 重大 (II), 较大 (III), 一般 (IV). Quoted beside each row. Wuhan's districts are county-level (县（市）) and the
 * city is the prefecture (市（地）). What the data cannot tell is left to the commander: the form of plague
 * (a report card says 鼠疫, not 肺鼠疫 or 腺鼠疫: the stricter pneumonic rows are used), the form of anthrax
 * (cutaneous anthrax is common and not an event by itself: no rows), food poisoning, occupational
 * poisoning, iatrogenic infection, vaccination deaths and lost strains (no such data), and "扩散趋势"
 * (read here as cases in two or more districts within the window).
 */

export type ResponseLevel = 'I' | 'II' | 'III' | 'IV';
export const RESPONSE_LEVELS = ['I', 'II', 'III', 'IV'] as const satisfies readonly ResponseLevel[];

/** What is counted over the window: cases of the event's disease (or family) in the city. */
export interface CaseFacts {
  readonly windowDays: number;
  /** The most cases in one district. */
  readonly districtMax: number;
  readonly cityTotal: number;
  /** Districts with at least one case. */
  readonly districts: number;
  /**
   * Districts whose count is at least `ratio` times the mean of the same window in the 5 previous years,
   * by ratio; undefined when the stored cards do not reach 5 years back (the baseline rows cannot be read).
   */
  readonly districtsAtRatio?: Readonly<Record<string, number>> | undefined;
}

type Fact = 'districtMax' | 'cityTotal' | 'districts';

export interface LevelCriterion {
  readonly id: string;
  readonly level: ResponseLevel;
  /** Disease keys, or legal classes (for the class-B/C baseline rows), or families (unknown-pneumonia). */
  readonly match: { readonly types?: readonly string[]; readonly classes?: readonly ('B' | 'C')[] };
  readonly windowDays: number;
  /** Every condition must hold. */
  readonly all: readonly (
    | { readonly fact: Fact; readonly atLeast: number }
    | { readonly fact: 'districtsAtRatio'; readonly ratio: number; readonly atLeast: number }
  )[];
  readonly text: { readonly zh: string; readonly en: string };
}

const PLAGUE = ['plague'];
// The plan names HPAI (H5N1); H7N9 and the novel subtypes that replaced both entries in 2025 are read alike.
const SARS_AVIAN = ['sars', 'hpai_human', 'h7n9_human', 'novel_influenza_subtype'];

export const LEVEL_CRITERIA: readonly LevelCriterion[] = [
  {
    // I: 肺鼠疫、肺炭疽在大、中城市发生并有扩散趋势 (Wuhan is a large city; 扩散趋势: cases in 2+ districts).
    id: 'plague-spreading-in-city',
    level: 'I',
    match: { types: PLAGUE },
    windowDays: 6,
    all: [
      { fact: 'districts', atLeast: 2 },
      { fact: 'districtMax', atLeast: 5 },
    ],
    text: { zh: '肺鼠疫在大城市发生并有扩散趋势', en: 'pneumonic plague in a large city, spreading' },
  },
  {
    // II: 在一个县（市）行政区域内，一个平均潜伏期内（6天）发生5例以上肺鼠疫、肺炭疽病例
    id: 'plague-5-in-district',
    level: 'II',
    match: { types: PLAGUE },
    windowDays: 6,
    all: [{ fact: 'districtMax', atLeast: 5 }],
    text: { zh: '一个区6天内发生5例以上肺鼠疫', en: '5 or more plague cases in one district within 6 days' },
  },
  {
    // II: ……或者相关联的疫情波及2个以上的县（市）
    id: 'plague-2-districts',
    level: 'II',
    match: { types: PLAGUE },
    windowDays: 6,
    all: [{ fact: 'districts', atLeast: 2 }],
    text: { zh: '肺鼠疫疫情波及2个以上区', en: 'plague cases in 2 or more districts within 6 days' },
  },
  {
    // III: 发生肺鼠疫、肺炭疽病例，一个平均潜伏期内病例数未超过5例，流行范围在一个县（市）行政区域以内
    id: 'plague-case',
    level: 'III',
    match: { types: PLAGUE },
    windowDays: 6,
    all: [{ fact: 'cityTotal', atLeast: 1 }],
    text: { zh: '发生肺鼠疫病例', en: 'a case of (pneumonic) plague' },
  },
  {
    // I: 发生传染性非典型肺炎、人感染高致病性禽流感病例，并有扩散趋势
    id: 'sars-avian-spreading',
    level: 'I',
    match: { types: SARS_AVIAN },
    windowDays: 7,
    all: [{ fact: 'districts', atLeast: 2 }],
    text: {
      zh: '传染性非典型肺炎或人感染高致病性禽流感病例并有扩散趋势',
      en: 'SARS or avian influenza cases in 2 or more districts',
    },
  },
  {
    // II: 发生传染性非典型肺炎、人感染高致病性禽流感疑似病例
    id: 'sars-avian-case',
    level: 'II',
    match: { types: SARS_AVIAN },
    windowDays: 7,
    all: [{ fact: 'cityTotal', atLeast: 1 }],
    text: {
      zh: '发生传染性非典型肺炎或人感染高致病性禽流感（疑似）病例',
      en: 'a (suspected) case of SARS or human avian influenza',
    },
  },
  {
    // II: 霍乱在一个市（地）行政区域内流行，1周内发病30例以上
    id: 'cholera-30-in-city',
    level: 'II',
    match: { types: ['cholera'] },
    windowDays: 7,
    all: [{ fact: 'cityTotal', atLeast: 30 }],
    text: { zh: '霍乱在全市1周内发病30例以上', en: '30 or more cholera cases in the city within a week' },
  },
  {
    // III: 霍乱在一个县（市）行政区域内发生，1周内发病10－29例
    id: 'cholera-10-in-district',
    level: 'III',
    match: { types: ['cholera'] },
    windowDays: 7,
    all: [{ fact: 'districtMax', atLeast: 10 }],
    text: {
      zh: '霍乱在一个区1周内发病10例以上',
      en: '10 or more cholera cases in one district within a week',
    },
  },
  {
    // III: ……或波及2个以上县（市）
    id: 'cholera-2-districts',
    level: 'III',
    match: { types: ['cholera'] },
    windowDays: 7,
    all: [{ fact: 'districts', atLeast: 2 }],
    text: { zh: '霍乱1周内波及2个以上区', en: 'cholera cases in 2 or more districts within a week' },
  },
  {
    // IV: 霍乱在一个县（市）行政区域内发生，1周内发病9例以下
    id: 'cholera-case',
    level: 'IV',
    match: { types: ['cholera'] },
    windowDays: 7,
    all: [{ fact: 'cityTotal', atLeast: 1 }],
    text: {
      zh: '霍乱在一个区内发生（1周内9例以下）',
      en: 'cholera in one district (9 cases or fewer in a week)',
    },
  },
  {
    // II: 乙类、丙类传染病波及2个以上县（市），1周内发病水平超过前5年同期平均发病水平2倍以上
    // ("超过……2倍以上": exceeding by twice the mean, i.e. at least 3 times it).
    id: 'class-bc-3x-in-2-districts',
    level: 'II',
    match: { classes: ['B', 'C'] },
    windowDays: 7,
    all: [{ fact: 'districtsAtRatio', ratio: 3, atLeast: 2 }],
    text: {
      zh: '乙丙类传染病波及2个以上区，1周发病水平超过前5年同期平均水平2倍以上',
      en: 'a class B/C disease at 3 times its 5-year mean for the week in 2 or more districts',
    },
  },
  {
    // III: 一周内在一个县（市）行政区域内，乙、丙类传染病发病水平超过前5年同期平均发病水平1倍以上
    id: 'class-bc-2x-in-district',
    level: 'III',
    match: { classes: ['B', 'C'] },
    windowDays: 7,
    all: [{ fact: 'districtsAtRatio', ratio: 2, atLeast: 1 }],
    text: {
      zh: '乙丙类传染病在一个区1周发病水平超过前5年同期平均水平1倍以上',
      en: 'a class B/C disease at twice its 5-year mean for the week in one district',
    },
  },
  {
    // II: 发生群体性不明原因疾病，扩散到县（市）以外的地区
    id: 'unknown-cause-beyond-district',
    level: 'II',
    match: { types: ['unknown-pneumonia'] },
    windowDays: 14,
    all: [{ fact: 'districts', atLeast: 2 }],
    text: {
      zh: '群体性不明原因疾病扩散到区以外',
      en: 'a cluster of illness of unknown cause spread beyond one district',
    },
  },
  {
    // III: 在一个县（市）行政区域内发现群体性不明原因疾病 (a cluster: 2 cases, the cluster rule's minimum)
    id: 'unknown-cause-cluster',
    level: 'III',
    match: { types: ['unknown-pneumonia'] },
    windowDays: 14,
    all: [{ fact: 'districtMax', atLeast: 2 }],
    text: {
      zh: '在一个区内发现群体性不明原因疾病',
      en: 'a cluster of illness of unknown cause in one district',
    },
  },
];

export interface EventKind {
  readonly type: string;
  /** The legal class when the type is a notifiable disease. */
  readonly diseaseClass?: string | undefined;
}

export const criteriaFor = (kind: EventKind, criteria = LEVEL_CRITERIA): LevelCriterion[] =>
  criteria.filter(
    (c) =>
      c.match.types?.includes(kind.type) ||
      (c.match.classes !== undefined && c.match.classes.some((k) => k === kind.diseaseClass)),
  );

export interface LevelProposal {
  /** The highest level whose criterion is met; null when none is (or the data do not allow any). */
  readonly level: ResponseLevel | null;
  readonly met: readonly {
    readonly id: string;
    readonly level: ResponseLevel;
    readonly text: LevelCriterion['text'];
  }[];
  /** Criteria that apply to the event but could not be evaluated (no 5-year baseline in the data). */
  readonly notEvaluable: readonly string[];
  readonly facts: readonly CaseFacts[];
}

const rank = (level: ResponseLevel) => RESPONSE_LEVELS.indexOf(level);

/** `factsFor(windowDays)` gives the counts over that window; each window is asked once. */
export function proposeLevel(
  kind: EventKind,
  factsFor: (windowDays: number) => CaseFacts,
  criteria = LEVEL_CRITERIA,
): LevelProposal {
  const applicable = criteriaFor(kind, criteria);
  const byWindow = new Map<number, CaseFacts>();
  const facts = (days: number) => {
    let f = byWindow.get(days);
    if (!f) byWindow.set(days, (f = factsFor(days)));
    return f;
  };
  const met: LevelProposal['met'][number][] = [];
  const notEvaluable: string[] = [];
  for (const c of applicable) {
    const f = facts(c.windowDays);
    let holds = true;
    let evaluable = true;
    for (const cond of c.all) {
      if (cond.fact === 'districtsAtRatio') {
        const at = f.districtsAtRatio?.[String(cond.ratio)];
        if (at === undefined) evaluable = false;
        else if (at < cond.atLeast) holds = false;
      } else if (f[cond.fact] < cond.atLeast) holds = false;
    }
    if (!evaluable) notEvaluable.push(c.id);
    else if (holds) met.push({ id: c.id, level: c.level, text: c.text });
  }
  met.sort((a, b) => rank(a.level) - rank(b.level));
  return { level: met[0]?.level ?? null, met, notEvaluable, facts: [...byWindow.values()] };
}
