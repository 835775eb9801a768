/** A whole transfer that could not go on, with a code for programs and a reason for people. */
export class TransferError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
