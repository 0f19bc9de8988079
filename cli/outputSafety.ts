/**
 * The last line of defence for everything the CLI prints: spec text is data, and a name holding an
 * escape sequence must not clear the screen or forge a line, nor a URL with a password print it.
 * Applied to stdout and stderr as a whole, so every command and format is covered, including
 * ones added later. JSON and YAML already escape control characters, so they pass unchanged.
 */

/** C0 controls except tab and newline, DEL, C1 controls, and the bidi overrides that reorder a line. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** `scheme://user:password@` in any URL. */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'<>`]+@/gi;

/** Control characters shown as `\u001b` escapes, URL credentials as `[redacted]`. */
export function safeOutput(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).replace(URL_CREDENTIALS, "$1[redacted]@");
}

/** Routes every string written to `stream` through safeOutput. */
export function guardStream(stream: NodeJS.WriteStream): void {
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => write(typeof chunk === "string" ? safeOutput(chunk) : chunk, ...rest)) as typeof stream.write;
}
