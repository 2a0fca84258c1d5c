import { describe, expect, test } from 'vitest';
import { classifyComplaint } from './classify.js';

describe('temperatures read from complaint text', () => {
  test.each([
    ['发热38.5℃', 38.5],
    ['发热38.5°C', 38.5],
    ['发热38.5度', 38.5],
    ['发热 T 39', 39],
    ['体温39.2', 39.2],
    ['体温：38.2', 38.2],
    ['101.3°F', 38.5],
    ['temp 101.3', 38.5],
    ['fever 38.6 and cough', 38.6],
    ['fever of 102', 38.9],
    ['发热３８.５℃', 38.5],
    ['发烧39度5', 39.5],
    ['烧到39度多', 39],
    ['体温37.5~38.3℃', 38.3],
    ['发热38-39℃', 39],
    ['Tmax 38.9 C', 38.9],
    ['T:38.6', 38.6],
    ['體溫39.2', 39.2],
  ])('%s → %d ℃', (text, expected) => {
    expect(classifyComplaint(text).temperature).toBe(expected);
  });

  test.each([
    '咳嗽3天',
    '38岁男性',
    '体重38kg',
    '心率100次/分',
    'SpO2 98%',
    '3岁',
    '发热30天',
    'BP 120/80',
    '发热3天',
  ])('%s has no temperature', (text) => {
    expect(classifyComplaint(text).temperature).toBeUndefined();
  });

  test('the highest of the measured and the written temperature', () => {
    expect(classifyComplaint('咳嗽，体温37.2', 38.6).temperature).toBe(38.6);
    expect(classifyComplaint('咳嗽，体温38.6', 37.2).temperature).toBe(38.6);
    expect(classifyComplaint('咳嗽', Number.NaN).temperature).toBeUndefined();
  });

  test('negated terms are reported as written (normalised)', () => {
    expect(classifyComplaint('無發熱、咳嗽，腹泻').negated).toEqual(['发热', '咳嗽']);
    expect(classifyComplaint('Denies Fever, chills').negated).toEqual(['fever', 'chills']);
  });
});
