/** How a command stops with a given exit code without a stack trace. */
export class CliExit extends Error {
  constructor(
    public readonly exitCode: number,
    message = "",
  ) {
    super(message);
  }
}
