import { createRequire } from 'node:module';
import type { Plugin } from 'vite';
import type * as LocalizeTypeScript from '@lit/localize-tools/node_modules/typescript';
import { readConfigFileAndWriteSchema } from '@lit/localize-tools/lib/config.js';
import { TransformLitLocalizer } from '@lit/localize-tools/lib/modes/transform.js';
import { readTsConfig } from '@lit/localize-tools/lib/typescript.js';
import type { Locale } from '../src/routes.js';

const CONFIG = 'lit-localize.json';

// The TypeScript @lit/localize-tools is built against (it pins ~5.9; the project's is newer): its
// transform must see a program, nodes and a type checker of its own version.
const ts = createRequire(import.meta.resolve('@lit/localize-tools/lib/config.js'))(
  'typescript',
) as typeof LocalizeTypeScript;

/** Compiles one source file's strings: its TypeScript with every `msg()` replaced, or null for a file outside src/. */
export type StringCompiler = (id: string, code: string) => string | null;

let loaded: { localizer: TransformLitLocalizer; program: LocalizeTypeScript.Program } | undefined;

/**
 * The translations, checked, and the source as one TypeScript program: read once per process,
 * since both languages' builds run in the same one (about a second each).
 */
function project(): { localizer: TransformLitLocalizer; program: LocalizeTypeScript.Program } {
  if (loaded === undefined) {
    const config = readConfigFileAndWriteSchema(CONFIG);
    const localizer = new TransformLitLocalizer({ ...config, output: { ...config.output, mode: 'transform' } });
    localizer.assertTranslationsAreValid();
    const { fileNames, options } = readTsConfig(config.resolve(config.tsConfig ?? 'tsconfig.json'));
    loaded = { localizer, program: ts.createProgram(fileNames, options) };
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
