import { describe, expect, it } from 'vitest';
import { isPassingFileError } from '../../src/transfer/transfer-error.ts';

describe('which failed files may pass on another attempt', () => {
  it('judges by the code the destination sends, not by the words of the reason', () => {
    expect(isPassingFileError({ reason: 'disk full (ENOSPC)', code: 'ENOSPC' })).toBe(true);
    expect(isPassingFileError({ reason: 'too many open files (EMFILE)', code: 'EMFILE' })).toBe(true);
    expect(isPassingFileError({ reason: 'permission denied (EACCES)', code: 'EACCES' })).toBe(false);
    // A file name or message that merely reads like a passing error is not one.
    expect(isPassingFileError({ reason: 'content hash mismatch in "backup (ENOSPC).bin"' })).toBe(false);
  });

  it('takes a failure with no reason (the transfer broke off around the file) as one that may pass', () => {
    expect(isPassingFileError({})).toBe(true);
  });
});
