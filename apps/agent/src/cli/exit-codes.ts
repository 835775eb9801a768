/** How `tcpa-agent` exits. */
export const ExitCode = {
  ok: 0,
  /** Refused or failed (enrolment refused, server unreachable, damaged state). */
  failure: 1,
  /** Bad command line. */
  usage: 2,
  /** An administrator revoked or rejected this agent: do not restart it. */
  revoked: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
