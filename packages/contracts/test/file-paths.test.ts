import { describe, expect, it } from 'vitest';
import { CreateTransferBodySchema, TransferOutcomeSchema } from '../src/transfers.ts';

/** File systems hold any character but NUL and `/` in a name; a transfer must be able to say so. */
const NAMES_ON_DISK = ['tab\tinside.txt', 'Icon\r', 'line\nbreak', 'escape\u001b[31m', 'bell\u0007'];

const outcome = (path: string) => ({
  transferId: '6f1d1c5a-8d44-4c3e-9c0e-2a8f0c1b7e11',
  state: 'succeeded',
  files: [{ path, size: 1, sha256: null, status: 'done', error: null }],
});

describe('file paths in transfers', () => {
  it('takes every name a file system holds in what an agent reports, and refuses NUL', () => {
    for (const name of NAMES_ON_DISK)
      expect(TransferOutcomeSchema.safeParse(outcome(`dir/${name}`)).success).toBe(true);
    const withNul = TransferOutcomeSchema.safeParse(outcome('dir/nul\u0000name'));
    expect(withNul.error?.issues[0]?.message).toBe('must not contain a NUL character');
  });

  it('takes tabs and line breaks in the paths people send, not other control characters', () => {
    const body = (path: string) => ({
      sourceAgentId: '6f1d1c5a-8d44-4c3e-9c0e-2a8f0c1b7e11',
      sourcePaths: [path],
      destinationAgentId: '7f1d1c5a-8d44-4c3e-9c0e-2a8f0c1b7e11',
      destinationDir: 'incoming',
    });
    for (const name of ['tab\tinside.txt', 'Icon\r', 'line\nbreak'])
      expect(CreateTransferBodySchema.safeParse(body(`dir/${name}`)).success).toBe(true);
    expect(CreateTransferBodySchema.safeParse(body('dir/escape\u001b')).success).toBe(false);
  });
});
