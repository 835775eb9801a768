import { describe, expect, it } from 'vitest';
import { validateNextSearch } from '../src/routing/search-params.ts';

describe('where the sign-in page goes next', () => {
  it('takes a path on this site', () => {
    expect(validateNextSearch({ next: '/p/123/transfers?state=failed' })).toEqual({
      next: '/p/123/transfers?state=failed',
    });
  });

  it('refuses anything that leaves the site', () => {
    for (const next of ['//evil.test/x', '/\\evil.test/x', 'https://evil.test/', 'evil.test', '']) {
      expect(validateNextSearch({ next }), next).toEqual({});
    }
    expect(validateNextSearch({ next: 42 })).toEqual({});
  });
});
