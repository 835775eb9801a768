import { describe, expect, it } from 'vitest';
import { parseRelativePath } from '../../src/transfer/safe-path.ts';

describe('names a destination takes from the wire', () => {
  it('takes tabs and line breaks, which real file names hold', () => {
    expect(parseRelativePath('odd/tab\tinside.txt')).toEqual(['odd', 'tab\tinside.txt']);
    expect(parseRelativePath('mac/Icon\r')).toEqual(['mac', 'Icon\r']);
    expect(parseRelativePath('odd/line\nbreak')).toEqual(['odd', 'line\nbreak']);
  });

  it('refuses other control characters, saying which path', () => {
    expect(() => parseRelativePath('odd/escape\u001b[31m')).toThrow(/control character in path refused: "odd\/escape/);
    expect(() => parseRelativePath('odd/bell\u0007')).toThrow(/control character/);
    expect(() => parseRelativePath('odd/nul\u0000')).toThrow(/NUL/);
  });
});
