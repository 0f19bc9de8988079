/**
 * Go regular expression syntax (RE2, `regexp/syntax` with Perl flags), as Prometheus compiles a
 * label matcher. JavaScript's RegExp accepts what Go refuses (lookarounds,
 * backreferences) and refuses what Go accepts (`(?i)`, `\pL`, `[[:alpha:]]`, `\z`, `\Q…\E`), so the
 * syntax is walked here, following Go's parser (src/regexp/syntax/parse.go) rule for rule.
 */

/** Why Go refuses a regular expression, or undefined; `matchesEmpty` tells whether it matches "". */
export interface Re2Result {
  error?: string;
  matchesEmpty: boolean;
}

// Go's regexp.Compile limits a counted repetition to 1000 (syntax.maxRepeat).
const MAX_REPEAT = 1000;
// POSIX classes Go knows (regexp/syntax/perl_groups.go, posixGroup).
const POSIX = new Set(["alnum", "alpha", "ascii", "blank", "cntrl", "digit", "graph", "lower", "print", "punct", "space", "upper", "word", "xdigit"]);
// Unicode general categories Go knows (unicode.Categories); scripts are checked against JavaScript's table.
const CATEGORIES = new Set("C Cc Cf Co Cs L Ll Lm Lo Lt Lu M Mc Me Mn N Nd Nl No P Pc Pd Pe Pf Pi Po Ps S Sc Sk Sm So Z Zl Zp Zs".split(" "));

class Re2Error extends Error {}

/**
 * Checks `pattern` the way Prometheus's labels.NewMatcher does: it parses the pattern on its own
 * (FastRegexMatcher's syntax.Parse), which refuses `a)(b`, and compiles `^(?:pattern)$`, which
 * refuses a `\Q` without `\E` (it swallows the closing parenthesis).
 */
export function checkRe2(pattern: string): Re2Result {
  const alone = parseRe2(pattern);
  return alone.error !== undefined ? alone : parseRe2(`^(?:${pattern})$`);
}

function parseRe2(pattern: string): Re2Result {
  const p = new Re2Parser(pattern);
  try {
    const nullable = p.alternation();
    if (p.pos < p.s.length) throw new Re2Error("unexpected )");
    return { matchesEmpty: nullable };
  } catch (e) {
    if (e instanceof Re2Error) return { error: e.message, matchesEmpty: false };
    throw e;
  }
}

class Re2Parser {
  pos = 0;
  private depth = 0;
  constructor(readonly s: string) {}

  /** Branches separated by `|`; true when one of them can match the empty string. */
  alternation(): boolean {
    let nullable = this.concatenation();
    while (this.s[this.pos] === "|") {
      this.pos++;
      nullable = this.concatenation() || nullable;
    }
    return nullable;
  }

  private concatenation(): boolean {
    let nullable = true;
    let atom: { nullable: boolean } | undefined; // the last thing a repetition could apply to
    let repeated = false;
    while (this.pos < this.s.length && this.s[this.pos] !== "|" && this.s[this.pos] !== ")") {
      const c = this.s[this.pos];
      const rep = this.repetition();
      if (rep) {
        if (repeated) throw new Re2Error(`invalid nested repetition operator: \`${rep.text}\``);
        if (!atom) throw new Re2Error(`missing argument to repetition operator: \`${rep.text}\``);
        atom.nullable = rep.min === 0 || atom.nullable;
        repeated = true;
        continue;
      }
      repeated = false;
      if (atom) nullable &&= atom.nullable;
      if (c === "(" && this.s[this.pos + 1] === "?") {
        const group = this.perlGroup();
        if (group === undefined) continue; // a flag change only: nothing to repeat changes
        atom = { nullable: group };
      } else if (c === "(") {
        this.pos++;
        atom = { nullable: this.group() };
      } else if (c === "[") {
        this.charClass();
        atom = { nullable: false };
      } else if (c === "^" || c === "$") {
        this.pos++;
        atom = { nullable: true };
      } else if (c === "\\") {
        const escaped = this.escapeAtom();
        if (escaped === undefined) continue;
        atom = { nullable: escaped };
      } else {
        this.pos += String.fromCodePoint(this.s.codePointAt(this.pos)!).length;
        atom = { nullable: false };
      }
    }
    if (atom) nullable &&= atom.nullable;
    return nullable;
  }

  private group(): boolean {
    if (++this.depth > 1000) throw new Re2Error("expression nests too deeply");
    const nullable = this.alternation();
    if (this.s[this.pos] !== ")") throw new Re2Error(`missing closing ): \`${this.s}\``);
    this.pos++;
    this.depth--;
    return nullable;
  }

  /** `(?P<name>…)`, `(?flags)` or `(?flags:…)`: undefined for a bare flag change. */
  private perlGroup(): boolean | undefined {
    const rest = this.s.slice(this.pos);
    if (rest.startsWith("(?P<")) {
      const end = rest.indexOf(">");
      if (end < 0 || !/^[A-Za-z0-9_]+$/.test(rest.slice(4, end))) throw new Re2Error(`invalid named capture: \`${end < 0 ? rest : rest.slice(0, end + 1)}\``);
      this.pos += end + 1;
      return this.group();
    }
    // `(?<name>` arrived in Go 1.22; the Prometheus releases built with older Go refuse it.
    let i = 2;
    let sign = 1;
    let sawFlag = false;
    for (; i < rest.length; i++) {
      const c = rest[i];
      if ("imsU".includes(c)) sawFlag = true;
      else if (c === "-" && sign > 0) {
        sign = -1;
        sawFlag = false;
      } else if ((c === ":" || c === ")") && (sign > 0 || sawFlag)) {
        this.pos += i + 1;
        return c === ":" ? this.group() : undefined;
      } else break;
    }
    throw new Re2Error(`invalid or unsupported Perl syntax: \`${rest.slice(0, i + 1)}\``);
  }

  /** `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}` (each optionally followed by `?`) at pos, consumed. */
  private repetition(): { text: string; min: number } | undefined {
    const start = this.pos;
    const c = this.s[this.pos];
    let min: number;
    if (c === "*" || c === "?") min = 0;
    else if (c === "+") min = 1;
    else if (c === "{") {
      const m = /^\{(0|[1-9][0-9]*)(,(0|[1-9][0-9]*)?)?\}/.exec(this.s.slice(this.pos));
      if (!m) return undefined; // not a repeat: `{` is a literal
      min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === undefined ? -1 : Number(m[3]);
      if (min > MAX_REPEAT || max > MAX_REPEAT || (max >= 0 && min > max)) throw new Re2Error(`invalid repeat count: \`${m[0]}\``);
      this.pos += m[0].length - 1;
    } else return undefined;
    this.pos++;
    if (this.s[this.pos] === "?") this.pos++;
    return { text: this.s.slice(start, this.pos), min };
  }

  /** An escape outside a class: true/false for an atom's nullability, undefined when it adds nothing. */
  private escapeAtom(): boolean | undefined {
    const c = this.s[this.pos + 1];
    if (c === "A" || c === "z" || c === "B") {
      this.pos += 2;
      return true;
    }
    if (c === "b") {
      this.pos += 2;
      return false; // a word boundary needs a word character: never in ""
    }
    if (c === "C") throw new Re2Error("invalid escape sequence: `\\C`");
    if (c === "Q") {
      const end = this.s.indexOf("\\E", this.pos + 2);
      const literal = end < 0 ? this.s.slice(this.pos + 2) : this.s.slice(this.pos + 2, end);
      this.pos = end < 0 ? this.s.length : end + 2;
      return literal === "" ? undefined : false;
    }
    if (this.classEscape()) return false;
    this.singleEscape();
    return false;
  }

  /** `\d`-style and `\p{…}` classes at pos, consumed; false when pos holds another escape. */
  private classEscape(): boolean {
    const c = this.s[this.pos + 1];
    if (c !== undefined && "dDsSwW".includes(c)) {
      this.pos += 2;
      return true;
    }
    if (c !== "p" && c !== "P") return false;
    let name: string;
    let seq: string;
    if (this.s[this.pos + 2] === "{") {
      const end = this.s.indexOf("}", this.pos);
      if (end < 0) throw new Re2Error(`invalid character class range: \`${this.s.slice(this.pos)}\``);
      seq = this.s.slice(this.pos, end + 1);
      name = this.s.slice(this.pos + 3, end);
    } else {
      const ch = this.s.codePointAt(this.pos + 2);
      name = ch === undefined ? "" : String.fromCodePoint(ch);
      seq = this.s.slice(this.pos, this.pos + 2 + name.length);
    }
    if (name.startsWith("^")) name = name.slice(1);
    if (!knownUnicodeClass(name)) throw new Re2Error(`invalid character class range: \`${seq}\``);
    this.pos += seq.length;
    return true;
  }

  /** A single-character escape (octal, hex, C escapes, escaped punctuation) at pos, consumed. */
  private singleEscape(): void {
    const start = this.pos;
    const c = this.s[this.pos + 1];
    if (c === undefined) throw new Re2Error("trailing backslash at end of expression");
    this.pos += 2;
    const bad = () => new Re2Error(`invalid escape sequence: \`${this.s.slice(start, this.pos)}\``);
    if (c >= "1" && c <= "7" && !/[0-7]/.test(this.s[this.pos] ?? "")) throw bad(); // a backreference
    if (c >= "0" && c <= "7") {
      for (let i = 0; i < 2 && /[0-7]/.test(this.s[this.pos] ?? ""); i++) this.pos++;
      return;
    }
    if (c === "x") {
      const braced = /^\{([0-9A-Fa-f]+)\}/.exec(this.s.slice(this.pos));
      if (braced && parseInt(braced[1], 16) <= 0x10ffff) {
        this.pos += braced[0].length;
        return;
      }
      if (/^[0-9A-Fa-f]{2}/.test(this.s.slice(this.pos))) {
        this.pos += 2;
        return;
      }
      this.pos = Math.min(this.s.length, this.pos + 2);
      throw bad();
    }
    if ("afnrtv".includes(c)) return;
    if (c.charCodeAt(0) < 0x80 && !/[A-Za-z0-9]/.test(c)) return;
    throw bad();
  }

  private charClass(): void {
    const whole = this.s.slice(this.pos);
    const missing = () => new Re2Error(`missing closing ]: \`${whole}\``);
    this.pos++;
    if (this.s[this.pos] === "^") this.pos++;
    let first = true;
    while (first || this.s[this.pos] !== "]") {
      if (this.pos >= this.s.length) throw missing();
      first = false;
      const rest = this.s.slice(this.pos);
      if (rest.startsWith("[:")) {
        const end = rest.indexOf(":]", 2);
        if (end >= 0) {
          const name = rest.slice(2, end).replace(/^\^/, "");
          if (!POSIX.has(name)) throw new Re2Error(`invalid character class range: \`${rest.slice(0, end + 2)}\``);
          this.pos += end + 2;
          continue;
        }
      }
      if (rest[0] === "\\" && this.classEscape()) continue;
      const lo = this.classChar(missing);
      if (this.s[this.pos] === "-" && this.pos + 1 < this.s.length && this.s[this.pos + 1] !== "]") {
        const from = this.pos;
        this.pos++;
        const hi = this.classChar(missing);
        if (hi < lo) throw new Re2Error(`invalid character class range: \`${this.s.slice(from - String.fromCodePoint(lo).length, this.pos)}\``);
      }
    }
    this.pos++;
  }

  /** One character of a class (possibly escaped), consumed; its code point. */
  private classChar(missing: () => Re2Error): number {
    if (this.pos >= this.s.length) throw missing();
    if (this.s[this.pos] !== "\\") {
      const cp = this.s.codePointAt(this.pos)!;
      this.pos += String.fromCodePoint(cp).length;
      return cp;
    }
    const start = this.pos;
    this.singleEscape();
    return escapedCodePoint(this.s.slice(start, this.pos));
  }
}

/** The code point a validated single-character escape stands for. */
function escapedCodePoint(esc: string): number {
  const c = esc[1];
  if (c >= "0" && c <= "7") return parseInt(esc.slice(1), 8);
  if (c === "x") return parseInt(esc.slice(2).replace(/[{}]/g, ""), 16);
  const named: Record<string, number> = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11 };
  return named[c] ?? c.codePointAt(0)!;
}

function knownUnicodeClass(name: string): boolean {
  if (name === "Any" || CATEGORIES.has(name)) return true;
  // Go's unicode.Scripts uses the long script names, as does Unicode's Script property.
  if (!/^[A-Z][A-Za-z_]*$/.test(name)) return false;
  try {
    new RegExp(`\\p{Script=${name}}`, "u");
    return true;
  } catch {
    return false;
  }
}
