/** What every audit rule says of itself, offline or live (catalogue.ts and liveCatalogue.ts). */

/** How bad a finding is: `error` fails `readiness audit` (exit 1), `warning` and `info` do not. */
export type Level = "error" | "warning" | "info";

/** A rule's usual level and its words: what it wants, why it matters, and the fix. */
export interface RuleText {
  /** The usual level; a rule may report a finding at another level (it says when in `help`). */
  level: Level;
  /** One line: what the rule wants. */
  title: string;
  /** Why it matters and when it fires. */
  help: string;
  /** One line: what to change to satisfy it (without tripping another rule). */
  fix: string;
}
