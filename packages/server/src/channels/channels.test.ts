import { describe, expect, test } from 'vitest';
import { prepareBatch } from '../ingest/prepare-batch.js';
import { reasonOf } from '../ingest/record-issues.js';
import type { ChannelId } from './channel-id.js';
import type { References } from './channel.js';
import { channels } from './channels.js';
import { notifiableDiseases } from './notifiable-diseases.js';

/** Each channel's schema and checks, without a database: what is accepted, where it counts, what is refused. */

const references: References = {
  places: new Map([
    ['4201', ['4201']],
    ['420102', ['420102', '4201']],
    ['420102002', ['420102002', '420102', '4201']],
    ['420102002003', ['420102002003', '420102002', '420102', '4201']],
  ]),
  facilities: new Map([
    ['H1', '420102002'],
    ['P1', '420102002003'],
    ['S1', '420102002'],
    ['L1', '420102'],
    ['W1', '420102'],
  ]),
  facilityTypes: new Map([
    ['H1', 'hospital'],
    ['P1', 'pharmacy'],
    ['S1', 'school'],
    ['L1', 'lab'],
    ['W1', 'wastewater_site'],
  ]),
  rootPlace: '4201',
  diseases: notifiableDiseases(),
  nowMs: Date.parse('2024-06-01T04:00:00Z'),
  today: '2024-06-01',
};

function check(channel: ChannelId, record: Record<string, unknown>, text = false) {
  const batch = prepareBatch(channels[channel], [record], references, { text, firstRow: 1 });
  const rejected = batch.rejected[0];
  return {
    candidate: batch.candidates[0],
    rejected: rejected && { field: rejected.issue.field, reason: reasonOf(rejected.issue, 'en') },
  };
}

const good: Record<ChannelId, Record<string, unknown>> = {
  visit: {
    visitId: 'V1',
    facility: 'H1',
    time: '2024-05-31T23:30:00',
    residence: '420102002003',
    chiefComplaint: '发热、咳嗽',
    temperature: 38.5,
  },
  'report-card': {
    cardId: 'C1',
    type: 'new',
    disease: 'influenza',
    classification: 'confirmed',
    onsetDate: '2024-05-28',
    diagnosisDate: '2024-05-30',
    residence: '420102002003',
    age: 7,
    sex: '男',
    occupation: '学生',
    facility: 'H1',
    idNumber: '11010519491231002X',
    phone: '13800138000',
  },
  pharmacy: { store: 'P1', date: '2024-05-31', drugClass: 'antipyretic', units: 12 },
  school: {
    school: 'S1',
    date: '2024-05-31',
    enrolled: 800,
    absentFever: 5,
    absentRespiratory: 3,
    absentGi: 1,
    absentOther: 2,
  },
  lab: {
    lab: 'L1',
    sampleId: 'S-9',
    pathogen: 'influenza_a',
    result: 'positive',
    sampleDate: '2024-05-30',
    resultDate: '2024-05-31',
  },
  hotline: {
    line: '12345',
    messageId: 'M1',
    time: '2024-05-31 10:00',
    text: '孩子发烧',
    category: '医疗卫生',
  },
  opinion: { source: 'Weibo', postId: 'P1', time: '2024-05-31T10:00:00+08:00', text: '学校好多学生发烧' },
  wastewater: { site: 'W1', date: '2024-05-31', target: 'sars_cov_2', concentration: 12345.6, flow: 80000 },
};

describe('each channel', () => {
  test.each([
    ['visit', '420102002003', '2024-05-31', ['all', 'ili', 'fever', 'respiratory'], null, null],
    ['report-card', '420102002003', '2024-05-28', ['influenza'], null, null],
    ['pharmacy', '420102002003', '2024-05-31', ['antipyretic'], [12], null],
    [
      'school',
      '420102002',
      '2024-05-31',
      ['absent_fever', 'absent_respiratory', 'absent_gi', 'absent_other'],
      [5, 3, 1, 2],
      800,
    ],
    ['lab', '420102', '2024-05-30', ['influenza_a'], [1], 1],
    ['hotline', '4201', '2024-05-31', ['all', '医疗卫生'], null, null],
    ['opinion', '4201', '2024-05-31', ['all'], null, null],
    ['wastewater', '420102', '2024-05-31', ['sars_cov_2'], [12345.6], null],
  ] as const)('%s: counts at %s on %s', (channel, place, day, signals, counts, denominator) => {
    const { candidate, rejected } = check(channel, good[channel]);
    expect(rejected).toBeUndefined();
    const reporter = { hotline: null, opinion: null, visit: 'H1', 'report-card': 'H1' } as Record<
      string,
      string | null
    >;
    expect(candidate?.contribution).toEqual({
      eventDate: day,
      placeCode: place,
      facilityId: channel in reporter ? reporter[channel] : (Object.values(good[channel])[0] as string),
      signals,
      counts,
      denominator,
    });
  });

  test('natural keys', () => {
    const keys = Object.fromEntries(
      Object.entries(good).map(([id, r]) => [id, check(id as ChannelId, r).candidate?.key]),
    );
    expect(keys).toEqual({
      visit: 'H1/V1',
      'report-card': 'C1',
      pharmacy: 'P1/2024-05-31/antipyretic',
      school: 'S1/2024-05-31',
      lab: 'L1/S-9/influenza_a',
      hotline: '12345/M1',
      opinion: 'weibo/P1',
      wastewater: 'W1/2024-05-31/sars_cov_2',
    });
  });

  test('the same content spelled otherwise has the same hash; other content another', () => {
    const a = check('visit', good.visit).candidate?.hash;
    expect(check('visit', { ...good.visit, time: '2024-05-31 23:30+08:00' }).candidate?.hash).toBe(a);
    expect(check('visit', { ...good.visit, chiefComplaint: '腹泻' }).candidate?.hash).not.toBe(a);
    const card = check('report-card', good['report-card']).candidate?.hash;
    expect(check('report-card', { ...good['report-card'], type: 'correction' }).candidate?.hash).toBe(card);
  });

  test('a visit on 2024-05-31 23:30 UTC counts on 1 June in Asia/Shanghai, and is then in the future', () => {
    expect(
      check('visit', { ...good.visit, time: '2024-05-31T15:30:00Z' }).candidate?.contribution.eventDate,
    ).toBe('2024-05-31');
    expect(
      check('visit', { ...good.visit, time: '2024-05-31T16:30:00Z' }).candidate?.contribution.eventDate,
    ).toBe('2024-06-01');
    expect(check('visit', { ...good.visit, time: '2024-06-01T13:00:00' }).rejected).toEqual({
      field: 'time',
      reason: 'date is in the future: 2024-06-01T05:00:00.000Z',
    });
  });

  test('CSV text is read as numbers and booleans', () => {
    const csv = {
      school: 'S1',
      date: '2024-05-31',
      enrolled: '800',
      absentFever: '5',
      absentRespiratory: '0',
      absentGi: '0',
      absentOther: '0',
    };
    expect(check('school', csv, true).rejected).toBeUndefined();
    expect(check('school', csv, false).rejected).toEqual({ field: 'enrolled', reason: 'expected a number' });
  });

  test.each([
    ['visit', { age: -1 }, 'age', 'must be at least 0'],
    ['report-card', { disease: 'flu' }, 'disease', 'not on the list of notifiable diseases: flu'],
    [
      'report-card',
      { disease: 'covid19', onsetDate: '2019-12-01', diagnosisDate: '2019-12-08' },
      'disease',
      'covid19 was not notifiable on 2019-12-08',
    ],
    [
      'report-card',
      { disease: 'mpox', onsetDate: '2023-09-01', diagnosisDate: '2023-09-10' },
      'disease',
      'mpox was not notifiable on 2023-09-10',
    ],
    [
      'report-card',
      { onsetDate: '2024-05-31' },
      'onsetDate',
      'onset 2024-05-31 is after diagnosis 2024-05-30',
    ],
    [
      'report-card',
      { classification: 'possible' },
      'classification',
      'must be one of: suspected, clinical, confirmed, carrier',
    ],
    ['report-card', { occupation: 'astronaut' }, 'occupation', 'must be one of'],
    ['report-card', { idNumber: '110105194912310021' }, 'idNumber', 'check digit does not match'],
    ['report-card', { phone: 'call me' }, 'phone', 'malformed phone number'],
    ['report-card', { diagnosisDate: '2024-06-02' }, 'diagnosisDate', 'date is in the future'],
    ['report-card', { type: 'update' }, 'type', 'must be one of: new, correction, withdrawal'],
    ['pharmacy', { drugClass: 'vitamins' }, 'drugClass', 'must be one of'],
    ['pharmacy', { units: 1.5 }, 'units', 'expected a whole number'],
    ['pharmacy', { store: 'P9' }, 'store', 'unknown facility code P9'],
    ['school', { absentFever: 900 }, 'enrolled', 'pupils absent add up to more than enrolled'],
    ['school', { enrolled: 0 }, 'enrolled', 'must be at least 1'],
    ['lab', { resultDate: '2024-05-29' }, 'resultDate', 'result date is before the sampling date'],
    ['lab', { result: 'maybe' }, 'result', 'must be one of'],
    ['lab', { pathogen: 'Influenza A!' }, 'pathogen', 'expected a lower-case key'],
    ['hotline', { line: '110' }, 'line', 'must be one of: 120, 12345'],
    ['hotline', { place: '420199' }, 'place', 'unknown place code 420199'],
    ['hotline', { category: '_secret' }, 'category', 'a category cannot start with _'],
    ['opinion', { text: undefined }, 'text', 'required field is missing'],
    ['wastewater', { concentration: -3 }, 'concentration', 'must be at least 0'],
    ['wastewater', { date: '2024-13-01' }, 'date', 'expected a date YYYY-MM-DD'],
    ['wastewater', { date: '1999-12-31' }, 'date', 'date is before 2000-01-01'],
  ] as const)('%s refuses %j', (channel, change, field, reason) => {
    const { rejected } = check(channel, { ...good[channel], ...change });
    expect(rejected?.field).toBe(field);
    expect(rejected?.reason).toContain(reason);
  });

  test('report cards: carriers are stored but counted in no series; hepatitis types also count as hepatitis', () => {
    expect(
      check('report-card', { ...good['report-card'], classification: '病原携带者' }).candidate?.contribution
        .signals,
    ).toEqual([]);
    expect(
      check('report-card', { ...good['report-card'], disease: 'hepatitis_b' }).candidate?.contribution
        .signals,
    ).toEqual(['hepatitis_b', 'hepatitis']);
  });

  test('a withdrawal needs the card id and the facility only', () => {
    const { candidate, rejected } = check('report-card', {
      cardId: 'C1',
      type: '删除',
      facility: 'H1',
      reason: '重卡',
    });
    expect(rejected).toBeUndefined();
    expect(candidate?.cardType).toBe('withdrawal');
    expect(check('report-card', { cardId: 'C1', type: 'correction', facility: 'H1' }).rejected?.field).toBe(
      'disease',
    );
  });
});

describe('the versioned list of notifiable diseases', () => {
  const groups = (date: string) => {
    const classes = new Map<string, string>();
    for (const v of notifiableDiseases().listOn(date)) classes.set(v.group ?? v.key, v.class);
    const count = (c: string) => [...classes.values()].filter((x) => x === c).length;
    return {
      total: classes.size,
      A: count('A'),
      B: count('B'),
      C: count('C'),
      monitored: count('monitored'),
    };
  };

  test('2020: 40 diseases, 甲 2, 乙 27, 丙 11', () => {
    expect(groups('2020-06-01')).toEqual({ total: 40, A: 2, B: 27, C: 11, monitored: 0 });
  });

  test('COVID-19: class B with class-A measures in 2020, class-B measures from 2023-01-08', () => {
    expect(notifiableDiseases().on('covid19', '2020-02-01')?.management).toBe('A');
    expect(notifiableDiseases().on('covid19', '2023-01-08')?.management).toBe('B');
    expect(notifiableDiseases().on('covid19', '2020-01-19')).toBeUndefined();
  });

  test('later additions: mpox (2023), a novel influenza subtype replacing H7N9 and HPAI (2025-09)', () => {
    expect(groups('2024-01-01')).toMatchObject({ total: 41, B: 28 });
    expect(notifiableDiseases().on('h7n9_human', '2025-09-01')).toBeUndefined();
    expect(notifiableDiseases().on('novel_influenza_subtype', '2025-09-01')?.class).toBe('B');
  });
});
