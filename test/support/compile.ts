/**
 * Type-checks TypeScript sources held in memory, as if they sat in the repository (so they resolve
 * the provider SDKs in node_modules and the project's own modules), with the project's tsconfig.
 */
import path from "node:path";
import ts from "typescript";

const ROOT = path.join(__dirname, "..", "..");

/** One reported problem: file, 1-based line and tsc's message. */
export interface Problem {
  file: string;
  line: number;
  message: string;
}

/** Every semantic and syntactic diagnostic of the given files, keyed by their names. */
export function typeCheck(files: Record<string, string>): Problem[] {
  const config = ts.readConfigFile(path.join(ROOT, "tsconfig.json"), ts.sys.readFile);
  const options = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT).options;
  const virtual = new Map(Object.entries(files).map(([name, text]) => [path.join(ROOT, "test", "__generated__", name), text]));
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, language, onError, create) => {
    const text = virtual.get(path.resolve(fileName));
    return text !== undefined ? ts.createSourceFile(fileName, text, language) : getSourceFile(fileName, language, onError, create);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (f) => virtual.has(path.resolve(f)) || fileExists(f);
  const readFile = host.readFile.bind(host);
  host.readFile = (f) => virtual.get(path.resolve(f)) ?? readFile(f);
  const program = ts.createProgram({ rootNames: [...virtual.keys()], options: { ...options, noEmit: true }, host });
  const problems: Problem[] = [];
  for (const name of virtual.keys()) {
    const sf = program.getSourceFile(name);
    if (!sf) throw new Error(`tsc did not read ${name}`);
    for (const d of [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)]) {
      const line = d.start !== undefined ? sf.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
      problems.push({ file: path.basename(name), line, message: ts.flattenDiagnosticMessageText(d.messageText, "\n") });
    }
  }
  return problems;
}
