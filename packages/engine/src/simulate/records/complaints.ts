import type { VisitClass } from '../models/visit-classes.js';
import type { Random } from '../random.js';

/**
 * Chief complaints as Chinese clinics write them, by complaint class: short phrases of symptoms, durations,
 * temperatures and the odd denial (无腹泻), composed from slots. Each class's phrases code to exactly the
 * class's syndromes under the engine's classifier (visit-classes.ts; complaints.test.ts checks every
 * class), so that the syndromes a visit record gets at ingest are the ones the aggregated counts hold.
 *
 * The measured temperature goes with the text: an ILI visit has ≥ 38.0 ℃ or none measured (then the text
 * says 发热); a low-grade fever with cough has 37.3–37.9 ℃; a complaint without fever has < 37.3 ℃ or none.
 */

export interface Complaint {
  readonly text: string;
  /** Measured at the visit, °C; undefined when not measured. */
  readonly temperature: number | undefined;
  readonly icd10: string;
}

type Phrase = (r: Random) => string;
const one =
  (...options: readonly string[]): Phrase =>
  (r) =>
    r.pick(options);
const duration = one('1天', '2天', '3天', '4天', '5天', '半天', '1周', '2天余', '3小时', '10余小时', '1天余');
const t = (r: Random, lo: number, hi: number) => Math.round((lo + r.uniform() * (hi - lo)) * 10) / 10;
/** Accompanying symptoms no syndrome counts. */
const plain = one('乏力', '头痛', '全身酸痛', '畏寒', '肌肉酸痛', '食欲差', '头晕');
const maybe = (r: Random, p: number, phrase: Phrase, before = '，') =>
  r.chance(p) ? `${before}${phrase(r)}` : '';

const cough = one(
  '咳嗽',
  '咽痛',
  '咳嗽、咽痛',
  '干咳',
  '咳嗽咳痰',
  '咽痛、流涕',
  '咳嗽伴流涕',
  '喉咙痛',
  '嗓子疼',
);
const fever = one('发热', '发烧');
const giWords = one('腹泻', '水样便', '呕吐', '腹痛、腹泻', '恶心呕吐', '拉肚子', '上吐下泻', '稀便');

interface ClassTexts {
  readonly texts: readonly ((r: Random) => { text: string; temperature: number | undefined })[];
  readonly icd10: readonly string[];
}

const measured = (r: Random, p: number, lo: number, hi: number) => (r.chance(p) ? t(r, lo, hi) : undefined);

const TEXTS: Readonly<Record<VisitClass, ClassTexts>> = {
  ili: {
    texts: [
      (r) => ({
        text: `${fever(r)}${duration(r)}伴${cough(r)}${maybe(r, 0.4, plain)}`,
        temperature: measured(r, 0.8, 38, 40.2),
      }),
      (r) => ({
        text: `${cough(r)}${duration(r)}，${fever(r)}，最高${t(r, 38.1, 40)}℃`,
        temperature: measured(r, 0.5, 37.3, 39.5),
      }),
      (r) => ({
        text: `高热${duration(r)}，${cough(r)}${maybe(r, 0.3, plain, '、')}`,
        temperature: measured(r, 0.7, 38.5, 40.5),
      }),
      (r) => ({
        text: `${fever(r)}${duration(r)}，${cough(r)}，无腹泻`,
        temperature: measured(r, 0.8, 38, 40),
      }),
      (r) => ({ text: `流感样症状${duration(r)}`, temperature: measured(r, 0.6, 38, 39.8) }),
    ],
    icd10: ['J11.1', 'J06.9', 'J10.1', 'R50.9'],
  },
  fever: {
    texts: [
      (r) => ({
        text: `${fever(r)}${duration(r)}${maybe(r, 0.6, plain, '伴')}`,
        temperature: measured(r, 0.8, 37.4, 39.6),
      }),
      (r) => ({ text: `${fever(r)}待查`, temperature: measured(r, 0.9, 37.5, 39.5) }),
      (r) => ({ text: `反复${fever(r)}${duration(r)}，无咳嗽`, temperature: measured(r, 0.7, 37.5, 39) }),
      (r) => ({ text: `${plain(r)}${duration(r)}`, temperature: t(r, 37.5, 39) }),
    ],
    icd10: ['R50.9', 'R50.8'],
  },
  fever_resp: {
    texts: [
      (r) => ({ text: `低热伴${cough(r)}${duration(r)}`, temperature: measured(r, 0.5, 37.3, 37.9) }),
      (r) => ({ text: `${fever(r)}伴${cough(r)}${duration(r)}`, temperature: t(r, 37.3, 37.9) }),
      (r) => ({ text: `${cough(r)}${duration(r)}`, temperature: t(r, 37.4, 37.9) }),
    ],
    icd10: ['J06.9', 'J20.9', 'J02.9'],
  },
  respiratory: {
    texts: [
      (r) => ({ text: `${cough(r)}${duration(r)}`, temperature: measured(r, 0.6, 36.2, 37.1) }),
      (r) => ({
        text: `${one('鼻塞、流涕', '咳嗽咳痰', '胸闷气短', '气促', '咳嗽加重')(r)}${duration(r)}，无发热`,
        temperature: measured(r, 0.5, 36.2, 37.1),
      }),
      (r) => ({
        text: `感冒${duration(r)}${maybe(r, 0.5, one('鼻塞', '流涕', '咳嗽'), '，')}`,
        temperature: measured(r, 0.5, 36.3, 37.0),
      }),
    ],
    icd10: ['J06.9', 'J20.9', 'J02.9', 'J40'],
  },
  gi: {
    texts: [
      (r) => ({ text: `${giWords(r)}${duration(r)}`, temperature: measured(r, 0.5, 36.2, 37.1) }),
      (r) => ({ text: `腹泻水样便${2 + r.int(6)}次`, temperature: measured(r, 0.5, 36.3, 37.1) }),
      (r) => ({ text: `呕吐${1 + r.int(5)}次伴腹痛`, temperature: measured(r, 0.4, 36.3, 37.0) }),
      (r) => ({ text: `${giWords(r)}${duration(r)}，无发热`, temperature: undefined }),
    ],
    icd10: ['A09.9', 'K52.9', 'A08.4'],
  },
  gi_fever: {
    texts: [
      (r) => ({
        text: `${giWords(r)}伴${fever(r)}${duration(r)}`,
        temperature: measured(r, 0.7, 37.5, 39.5),
      }),
      (r) => ({ text: `${fever(r)}、腹痛、腹泻${duration(r)}`, temperature: measured(r, 0.6, 37.6, 39.2) }),
      (r) => ({ text: `${giWords(r)}${duration(r)}，体温${t(r, 37.8, 39.4)}℃`, temperature: undefined }),
    ],
    icd10: ['A09.0', 'A04.9', 'A02.0'],
  },
  rash: {
    texts: [
      (r) => ({
        text: `${one('皮疹', '全身红疹', '躯干散在皮疹', '出疹子', '四肢红斑')(r)}${duration(r)}`,
        temperature: measured(r, 0.4, 36.3, 37.1),
      }),
      (r) => ({ text: `${one('皮疹', '红疹')(r)}伴瘙痒${duration(r)}，无发热`, temperature: undefined }),
    ],
    icd10: ['R21', 'L30.9'],
  },
  rash_fever: {
    texts: [
      (r) => ({ text: `${fever(r)}伴皮疹${duration(r)}`, temperature: measured(r, 0.7, 37.6, 39.6) }),
      (r) => ({ text: `${fever(r)}${duration(r)}后出疹`, temperature: measured(r, 0.6, 37.6, 39.5) }),
      (r) => ({ text: `皮疹${duration(r)}，${fever(r)}`, temperature: measured(r, 0.6, 37.5, 39) }),
    ],
    icd10: ['B09', 'R21', 'B05.9'],
  },
  hfmd: {
    texts: [
      (r) => ({ text: `手足口疱疹伴${fever(r)}${duration(r)}`, temperature: measured(r, 0.7, 37.5, 39.2) }),
      (r) => ({
        text: `${fever(r)}${duration(r)}，手足皮疹，口腔疱疹`,
        temperature: measured(r, 0.7, 37.5, 39.2),
      }),
      (r) => ({ text: `手足口病，${fever(r)}${duration(r)}`, temperature: measured(r, 0.6, 37.5, 39) }),
      (r) => ({ text: `手、足、臀部疱疹${duration(r)}`, temperature: t(r, 37.5, 38.9) }),
    ],
    icd10: ['B08.4'],
  },
  conjunctivitis: {
    texts: [
      (r) => ({
        text: `${one('双眼红', '眼红', '眼睛发红', '结膜充血', '眼分泌物增多')(r)}${duration(r)}`,
        temperature: measured(r, 0.3, 36.3, 37.0),
      }),
      (r) => ({ text: `红眼病${duration(r)}，畏光流泪`, temperature: undefined }),
    ],
    icd10: ['H10.9', 'B30.9'],
  },
  neuro: {
    texts: [
      (r) => ({
        text: `${one('抽搐1次', '意识模糊', '嗜睡', '头痛剧烈', '颈项强直', '肢体无力')(r)}${duration(r)}`,
        temperature: measured(r, 0.5, 36.4, 37.1),
      }),
    ],
    icd10: ['R56.8', 'R40.0', 'G03.9'],
  },
  jaundice: {
    texts: [
      (r) => ({
        text: `${one('皮肤巩膜黄染', '眼黄、尿黄', '皮肤发黄', '黄疸')(r)}${duration(r)}${maybe(r, 0.5, plain, '伴')}`,
        temperature: measured(r, 0.4, 36.3, 37.1),
      }),
    ],
    icd10: ['R17', 'B19.9'],
  },
  haemorrhagic: {
    texts: [
      (r) => ({
        text: `${one('鼻出血', '牙龈出血', '皮肤瘀斑', '流鼻血')(r)}${duration(r)}`,
        temperature: measured(r, 0.4, 36.3, 37.1),
      }),
    ],
    icd10: ['R04.0', 'D69.9'],
  },
  other: {
    texts: [
      (r) => ({
        text: `${one('腰痛', '头晕乏力', '胸痛', '关节痛', '失眠', '右膝疼痛', '心悸', '尿频尿急', '牙痛', '皮肤瘙痒')(r)}${duration(r)}`,
        temperature: measured(r, 0.4, 36.2, 37.1),
      }),
      (r) => ({
        text: one('高血压复诊', '糖尿病复诊取药', '体检', '复诊取药', '外伤后伤口换药', '术后复查')(r),
        temperature: measured(r, 0.3, 36.2, 37.0),
      }),
    ],
    icd10: ['M54.5', 'I10', 'E11.9', 'Z00.0', 'R51', 'Z09'],
  },
};

/** A chief complaint of the class, with the temperature measured and an ICD-10 code a clinician might add. */
export function chiefComplaint(r: Random, visitClass: VisitClass): Complaint {
  const texts = TEXTS[visitClass];
  const { text, temperature } = r.pick(texts.texts)(r);
  return { text, temperature, icd10: r.pick(texts.icd10) };
}
