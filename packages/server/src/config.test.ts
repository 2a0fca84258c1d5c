import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { loadConfig } from './config.js';

test('the MLLP settings come from the one environment schema', () => {
  const loaded = loadConfig({ SHAOBING_MLLP_ALLOW: ' FX-H1, FX-FC1 ,,', SHAOBING_MLLP_LANGUAGE: 'en' });
  expect(loaded.ok && loaded.config.mllp).toEqual({
    allow: ['FX-H1', 'FX-FC1'],
    tls: undefined,
    language: 'en',
  });
  const defaults = loadConfig({});
  expect(defaults.ok && defaults.config.mllp).toEqual({
    allow: undefined,
    tls: undefined,
    language: 'zh-CN',
  });
});

test('TLS needs both files, and a missing file is named', () => {
  expect(loadConfig({ SHAOBING_MLLP_TLS_CERT: '/x/cert.pem' })).toEqual({
    ok: false,
    message: 'SHAOBING_MLLP_TLS_CERT and SHAOBING_MLLP_TLS_KEY go together',
  });
  const missing = loadConfig({
    SHAOBING_MLLP_TLS_CERT: '/nowhere/cert.pem',
    SHAOBING_MLLP_TLS_KEY: '/nowhere/key.pem',
  });
  expect(!missing.ok && missing.message).toMatch(/^MLLP TLS: .*\/nowhere\/cert\.pem/);
  const folder = mkdtempSync(join(tmpdir(), 'shaobing-config-'));
  try {
    writeFileSync(join(folder, 'cert.pem'), 'CERT');
    writeFileSync(join(folder, 'key.pem'), 'KEY');
    const loaded = loadConfig({
      SHAOBING_MLLP_TLS_CERT: join(folder, 'cert.pem'),
      SHAOBING_MLLP_TLS_KEY: join(folder, 'key.pem'),
    });
    expect(loaded.ok && loaded.config.mllp.tls?.cert.toString()).toBe('CERT');
    expect(loaded.ok && loaded.config.mllp.tls?.key.toString()).toBe('KEY');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('a bad MLLP language is refused with its variable', () => {
  const loaded = loadConfig({ SHAOBING_MLLP_LANGUAGE: 'fr' });
  expect(!loaded.ok && loaded.message).toMatch(/^SHAOBING_MLLP_LANGUAGE: /);
});
