import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/**
 * The benchmark's visits: a year of a city's clinic visits as one CSV export, sorted by time, with
 * residences spread over the communities, a few percent without one, and chief complaints composed from
 * common symptoms (some thousands of distinct texts, as clinics write them).
 */

export const VISIT_HEADER = 'visit_id,facility,time,age,sex,residence,chief_complaint,temperature';

const SYMPTOMS = [
  '发热',
  '发烧',
  '咳嗽',
  '咳痰',
  '咽痛',
  '流涕',
  '鼻塞',
  '头痛',
  '乏力',
  '肌肉酸痛',
  '腹泻',
  '腹痛',
  '恶心',
  '呕吐',
  '皮疹',
  '手足疱疹',
  '口腔溃疡',
  '胸闷',
  '气促',
  '呼吸困难',
  '眼红',
  '结膜充血',
  '黄疸',
  '头晕',
  '抽搐',
  '关节痛',
  '皮肤瘀斑',
  '鼻出血',
  '食欲差',
  '畏寒',
  '寒战',
  '喷嚏',
  '声音嘶哑',
  '胸痛',
  '便血',
  '尿痛',
  '腰痛',
  '牙痛',
  '外伤',
  '复诊取药',
];

/** A fixed linear congruential sequence: the same file on every run. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export async function writeVisitCsv(
  file: string,
  rows: number,
  communities: readonly string[],
  facilities: readonly string[],
  idPrefix = '',
): Promise<number> {
  const next = random(20240105);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const out = createWriteStream(file);
  let bytes = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(`${VISIT_HEADER}\n`);
  const first = Date.UTC(2023, 0, 1);
  let lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    const minute = Math.floor((i / rows) * 365 * 24 * 60);
    const time = new Date(first + minute * 60_000).toISOString().slice(0, 16).replace('T', ' ');
    const symptoms = [pick(SYMPTOMS)];
    if (next() < 0.6) symptoms.push(pick(SYMPTOMS));
    if (next() < 0.2) symptoms.push(pick(SYMPTOMS));
    const complaint = `${[...new Set(symptoms)].join('、')}${1 + Math.floor(next() * 7)}天`;
    const temperature = next() < 0.7 ? (36 + next() * 4).toFixed(1) : '';
    const residence = next() < 0.95 ? pick(communities) : '';
    const facility = pick(facilities);
    lines.push(
      `${idPrefix}${i},${facility},${time},${Math.floor(next() * 95)},${next() < 0.5 ? 'M' : 'F'},${residence},${complaint},${temperature}`,
    );
    if (lines.length === 10_000) {
      await write(`${lines.join('\n')}\n`);
      lines = [];
    }
  }
  if (lines.length > 0) await write(`${lines.join('\n')}\n`);
  out.end();
  await once(out, 'finish');
  return bytes;
}
