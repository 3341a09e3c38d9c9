import ts from 'typescript';
import type { Plugin } from 'vite';
import { readConfigFileAndWriteSchema } from '@lit/localize-tools/lib/config.js';
import { TransformLitLocalizer } from '@lit/localize-tools/lib/modes/transform.js';
import type { Locale } from '../src/routes.js';

const CONFIG = 'lit-localize.json';

/** Compiles one source file's strings: its TypeScript with every `msg()` replaced, or null for a file outside src/. */
export type StringCompiler = (id: string, code: string) => string | null;

/** lit-localize's transform mode, with the program it reads the source into (protected there). */
class Localizer extends TransformLitLocalizer {
  sourceProgram(): ts.Program {
    return this.program;
  }
}

let loaded: { localizer: Localizer; program: ts.Program } | undefined;

/**
 * The translations, checked, and the source as one TypeScript program (the one lit-localize
 * checks the translations against, reused by the transform): read once per process, since both
 * languages' builds run in the same one (about a second each). There is one TypeScript in the
 * project: @lit/localize-tools pins ~5.9, and `overrides` in package.json gives it the project's,
 * whose compiler API its transform uses unchanged (tests/unit/compile-strings.test.ts checks both).
 */
function project(): { localizer: Localizer; program: ts.Program } {
  if (loaded === undefined) {
    const config = readConfigFileAndWriteSchema(CONFIG);
    const localizer = new Localizer({ ...config, output: { ...config.output, mode: 'transform' } });
    localizer.assertTranslationsAreValid();
    loaded = { localizer, program: localizer.sourceProgram() };
  }
  return loaded;
}

/**
 * Compiles one UI language's strings into the browser script: @lit/localize's own transform
 * (its "transform mode") replaces every `msg()` call with the translated text and drops `str`
 * and the `@lit/localize` imports, so the script carries no runtime and no string table. Each
 * language gets its own build of the script (tools/client-build.ts); a reader downloads one
 * language's strings, once. The build-time prerender keeps the runtime mode
 * (src/i18n/english.ts), where bytes cost nothing.
 *
 * The transform runs on the TypeScript source, before Vite compiles it, because it needs the
 * type checker to recognise `msg` through src/i18n/msg.ts. A translation whose placeholders do
 * not match its source throws.
 */
export function stringCompiler(locale: Locale): StringCompiler {
  const { localizer, program } = project();
  const factory = [...localizer.transformers()].find(([code]) => code === locale)?.[1];
  if (factory === undefined) throw new Error(`${CONFIG} has no locale "${locale}"`);
  const transformer = factory(program);
  const printer = ts.createPrinter();
  return (id, code) => {
    const source = program.getSourceFile(id);
    if (source === undefined) return null;
    // The program read the file when the build started; one changed since would be compiled
    // from its old text.
    if (source.text !== code) throw new Error(`${id} changed during the build`);
    const result = ts.transform(source, [transformer]);
    const [compiled] = result.transformed;
    const output = compiled === undefined ? null : printer.printFile(compiled);
    result.dispose();
    return output;
  };
}

/** The Vite plugin: the string compiler over every source module of the build. */
export function compileStrings(locale: Locale): Plugin {
  let compile: StringCompiler | undefined;
  return {
    name: 'warta-compile-strings',
    apply: 'build',
    enforce: 'pre',

    buildStart() {
      compile = stringCompiler(locale);
    },

    transform(code, id) {
      const compiled = compile?.(id, code) ?? null;
      return compiled === null ? null : { code: compiled, map: null };
    },
  };
}
