import { describe, expect, test } from 'vitest';
import { homeFor, pagesFor } from './nav';

describe('role-aware navigation', () => {
  test.each([
    [['duty_officer'], '/alerts'],
    [['community_worker'], '/community'],
    [['volunteer'], '/community'],
    [['facility_reporter'], '/channels'],
    [['commander'], '/map'],
    [['public_viewer'], '/public'],
    [[], '/public'],
  ] as const)('%j lands on %s', (roles, home) => {
    expect(homeFor(roles)).toBe(home);
  });

  test('a community worker sees neither the alert inbox nor the map', () => {
    const paths = pagesFor(['community_worker']).map((p) => p.path);
    expect(paths).toEqual(['/community', '/public']);
  });

  test('the commander sees the command board and drills but not the community page', () => {
    const paths = pagesFor(['commander']).map((p) => p.path);
    expect(paths).toContain('/events');
    expect(paths).toContain('/drills');
    expect(paths).not.toContain('/community');
  });
});
