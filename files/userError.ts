/**
 * A mistake that is the user's to fix (a file that cannot be read, a refused write, a bad option):
 * library code throws it with the exit code to stop with, and the CLI prints its message and exits
 * with that code, never with a stack trace.
 */
export class UserError extends Error {
  constructor(
    public readonly exitCode: number,
    message = "",
  ) {
    super(message);
  }
}
