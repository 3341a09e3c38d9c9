/**
 * Renders a lit-html `TemplateResult` to an HTML string at build time: the HTML Lit's server
 * renderer (@lit-labs/ssr) makes, without its hydration markers (`<!--lit-part …-->`,
 * `<!--lit-node n-->`), which Warta never needs: the browser renders only into empty containers
 * and never hydrates a prerendered page. The same template functions as the browser's; only the
 * build's way of turning them into text differs (tests/unit/render-template.test.ts renders every
 * page of a site both ways and compares them).
 *
 * Lit's renderer parses each template's HTML with parse5 once and walks opcodes for every value,
 * with a closure and an array per part: about a third of a cold build's CPU at 10,000 articles.
 * This one finds each binding's place with lit-html's own lexer (the regular expressions of its
 * `getTemplateHtml`, so a binding is an attribute or a child exactly when lit-html would say so),
 * once per template, and then joins strings.
 *
 * What it renders, as Lit's renderer does: text and attribute values escaped (`&<>"'`); `nothing`,
 * `null` and `undefined` as nothing in a child, `nothing` as no attribute, `null` and `undefined`
 * as an empty one; arrays and other iterables item by item; `?name=${}` as the name or nothing;
 * `@event=${}` as nothing (its attribute dropped). What it refuses, so that a template it would
 * render differently fails the build instead: directives, property bindings (`.name`), bindings
 * in an element's tag, in a comment or in a raw-text element, unquoted values with text around
 * the binding, compiled templates, and custom elements registered in the build's process (Lit's
 * renderer would render their shadow roots; none are: the build imports templates, not components).
 */
import { noChange, nothing, type TemplateResult } from 'lit';

/** A binding's place in its template, and how it renders. */
type Part =
  | { readonly type: 'child' }
  | {
      readonly type: 'attribute' | 'boolean' | 'event';
      readonly name: string;
      /** The value's static text around its bindings (two for one binding: before and after it). */
      readonly strings: readonly string[];
    };

/** A template made ready: its static text between parts, and its parts (each taking one value, or more for an attribute). */
interface Compiled {
  /** One more than `parts`: the text before the first part, between parts, and after the last. */
  readonly statics: readonly string[];
  readonly parts: readonly Part[];
}

// lit-html's lexer (lit-html.ts, getTemplateHtml), as it is: the same states and the same
// expressions, so that every binding is classified as lit-html classifies it.
const SPACE_CHAR = `[ \t\n\f\r]`;
const ATTR_VALUE_CHAR = `[^ \t\n\f\r"'\`<>=]`;
const NAME_CHAR = `[^\\s"'>=/]`;
const textEndRegex = /<(?:(!--|\/[^a-zA-Z])|(\/?[a-zA-Z][^>\s]*)|(\/?$))/g;
const commentEndRegex = /-->/g;
const comment2EndRegex = />/g;
const tagEndRegex = new RegExp(
  `>|${SPACE_CHAR}(?:(${NAME_CHAR}+)(${SPACE_CHAR}*=${SPACE_CHAR}*(?:${ATTR_VALUE_CHAR}|("|')|))|$)`,
  'g',
);
const singleQuoteAttrEndRegex = /'/g;
const doubleQuoteAttrEndRegex = /"/g;
const rawTextElement = /^(?:script|style|textarea|title)$/i;
/** What may follow an unquoted attribute's binding for it to be the whole value. */
const UNQUOTED_END = /^(?:[ \t\n\f\r>]|$)/u;

/** Whether a custom element is registered in this process (Lit's renderer would render its shadow root). */
function isDefinedElement(name: string): boolean {
  const registry = (globalThis as { customElements?: { get: (name: string) => unknown } }).customElements;
  return registry?.get(name.toLowerCase()) !== undefined;
}

const compiledTemplates = new WeakMap<TemplateStringsArray, Compiled>();

/** The template of these strings, made ready once. */
function compiled(strings: TemplateStringsArray): Compiled {
  let template = compiledTemplates.get(strings);
  if (template === undefined) {
    template = compile(strings);
    compiledTemplates.set(strings, template);
  }
  return template;
}

/** An attribute whose value is still being read: its bindings may span several strings. */
interface OpenAttribute {
  readonly name: string;
  readonly quoted: boolean;
  readonly strings: string[];
}

function compile(strings: TemplateStringsArray): Compiled {
  const unsupported = (what: string): Error =>
    new Error(`the build's renderer does not render ${what}, in the template:\n${strings.join('${…}')}`);
  const statics: string[] = [];
  const parts: Part[] = [];
  let regex = textEndRegex;
  let rawTextEndRegex: RegExp | undefined;
  let open: OpenAttribute | null = null;
  const close = (attribute: OpenAttribute): void => {
    const prefix = attribute.name[0];
    const name = attribute.name.slice(prefix === '?' || prefix === '@' || prefix === '.' ? 1 : 0);
    if (prefix === '.') throw unsupported(`a property binding (.${name})`);
    const type = prefix === '?' ? 'boolean' : prefix === '@' ? 'event' : 'attribute';
    parts.push({ type, name, strings: attribute.strings });
  };
  for (let i = 0; i < strings.length; i += 1) {
    const s = strings[i] ?? '';
    const last = i === strings.length - 1;
    // Where this string's static text starts: after the end of an attribute the last binding was in.
    let resume = 0;
    // Whether this string starts inside a quoted value whose end is still to be found.
    let closing = open?.quoted === true;
    if (open !== null && !open.quoted) {
      if (!UNQUOTED_END.test(s)) throw unsupported('an unquoted attribute value with text after its binding');
      open.strings.push('');
      close(open);
      open = null;
    }
    let attrNameEndIndex = -1;
    let attrName = '';
    let valueStart = 0;
    let lastIndex = 0;
    while (lastIndex < s.length) {
      regex.lastIndex = lastIndex;
      const match = regex.exec(s);
      if (match === null) break;
      lastIndex = regex.lastIndex;
      if (regex === textEndRegex) {
        if (match[1] === '!--') regex = commentEndRegex;
        else if (match[1] !== undefined) regex = comment2EndRegex;
        else if (match[2] !== undefined) {
          if (match[2].includes('-') && isDefinedElement(match[2]))
            throw unsupported(`a registered custom element (${match[2]})`);
          if (rawTextElement.test(match[2])) rawTextEndRegex = new RegExp(`</${match[2]}`, 'g');
          regex = tagEndRegex;
        } else if (match[3] !== undefined) throw unsupported('a binding in a tag name');
      } else if (regex === tagEndRegex) {
        if (match[0] === '>') {
          regex = rawTextEndRegex ?? textEndRegex;
          attrNameEndIndex = -1;
        } else if (match[1] === undefined) {
          attrNameEndIndex = -2;
        } else {
          attrNameEndIndex = lastIndex - (match[2] ?? '').length;
          attrName = match[1];
          valueStart = lastIndex;
          regex =
            match[3] === undefined ? tagEndRegex : match[3] === '"' ? doubleQuoteAttrEndRegex : singleQuoteAttrEndRegex;
        }
      } else if (regex === doubleQuoteAttrEndRegex || regex === singleQuoteAttrEndRegex) {
        regex = tagEndRegex;
        if (closing && open !== null) {
          // The quoted value the last binding was in ends here.
          open.strings.push(s.slice(0, match.index));
          close(open);
          open = null;
          resume = lastIndex;
          closing = false;
        }
      } else if (regex === commentEndRegex || regex === comment2EndRegex) {
        regex = textEndRegex;
      } else {
        // The end of a raw-text element.
        regex = tagEndRegex;
        rawTextEndRegex = undefined;
      }
    }
    if (last) {
      if (open !== null) throw unsupported('an attribute value left open');
      statics.push(s.slice(resume));
      break;
    }
    if (open !== null) {
      // Still in the quoted value: this binding is its next one, and this string is value text.
      open.strings.push(s);
      continue;
    }
    if (regex === textEndRegex) {
      statics.push(s.slice(resume));
      parts.push({ type: 'child' });
    } else if (attrNameEndIndex >= 0) {
      statics.push(s.slice(resume, attrNameEndIndex - attrName.length));
      const quoted = regex !== tagEndRegex;
      const before = quoted ? s.slice(valueStart) : '';
      // Unquoted, lit-html's lexer may have taken the value's first character with the `=`.
      if (!quoted && !/^[ \t\n\f\r]*=[ \t\n\f\r]*$/u.test(s.slice(attrNameEndIndex))) {
        throw unsupported('an unquoted attribute value with text before its binding');
      }
      open = { name: attrName, quoted, strings: [before] };
    } else if (regex === commentEndRegex || regex === comment2EndRegex) {
      throw unsupported('a binding in a comment');
    } else if (regex === tagEndRegex) {
      throw unsupported('a binding in an element’s tag (an element part)');
    } else {
      throw unsupported('a binding in a raw-text element (script, style, textarea, title)');
    }
  }
  return { statics, parts };
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const SPECIAL = /[&<>"']/gu;
const escapeHtml = (text: string): string => text.replace(SPECIAL, (char) => ESCAPES[char] ?? char);

/** A value Lit would render as a template: a `TemplateResult` (its `_$litType$` a number; compiled ones are refused). */
function isTemplate(value: object): value is TemplateResult {
  return '_$litType$' in value;
}

/** A value as Lit makes it text: `String(value)`, so an object by its own `toString`. */
function textOf(value: unknown): string {
  return typeof value === 'string' ? value : String(value);
}

/** A child part's value as HTML. */
function renderChild(value: unknown): string {
  if (value === null || value === undefined || value === nothing || value === noChange) return '';
  if (typeof value === 'string') return escapeHtml(value);
  if (typeof value !== 'object') return escapeHtml(textOf(value));
  if (isTemplate(value)) return renderTemplate(value);
  if ('_$litDirective$' in value) throw new Error("the build's renderer does not render directives");
  if (Symbol.iterator in value) {
    let html = '';
    for (const item of value as Iterable<unknown>) html += renderChild(item);
    return html;
  }
  return escapeHtml(textOf(value));
}

/** An attribute's text (with the space before it, which is static), or '' when it is left out. */
function renderAttribute(part: Exclude<Part, { type: 'child' }>, values: readonly unknown[], first: number): string {
  if (part.type === 'event') return '';
  const strings = part.strings;
  if (part.type === 'boolean') {
    const value = values[first];
    return value && value !== nothing ? part.name : '';
  }
  for (let i = 0; i < strings.length - 1; i += 1) {
    const value = values[first + i];
    if (typeof value === 'object' && value !== null && '_$litDirective$' in value) {
      throw new Error("the build's renderer does not render directives");
    }
  }
  if (strings.length === 2 && strings[0] === '' && strings[1] === '') {
    const value = values[first];
    if (value === nothing) return '';
    const text = value === null || value === undefined || value === noChange ? '' : textOf(value);
    return `${part.name}="${escapeHtml(text)}"`;
  }
  let text = strings[0] ?? '';
  for (let i = 0; i < strings.length - 1; i += 1) {
    const value = values[first + i];
    if (value === nothing) return '';
    text += `${textOf(value ?? '')}${strings[i + 1] ?? ''}`;
  }
  return `${part.name}="${escapeHtml(text)}"`;
}

function renderTemplate(result: TemplateResult): string {
  if (typeof result['_$litType$'] !== 'number')
    throw new Error("the build's renderer does not render compiled templates");
  const { statics, parts } = compiled(result.strings);
  const values = result.values;
  let html = statics[0] ?? '';
  let index = 0;
  for (let p = 0; p < parts.length; p += 1) {
    const part = parts[p];
    if (part === undefined) break;
    if (part.type === 'child') {
      html += renderChild(values[index]);
      index += 1;
    } else {
      html += renderAttribute(part, values, index);
      index += part.strings.length - 1;
    }
    html += statics[p + 1] ?? '';
  }
  if (index !== values.length)
    throw new Error(`a template took ${String(index)} of its ${String(values.length)} values`);
  return html;
}

/** A template as HTML, as Lit's server renderer makes it less its hydration markers. */
export function renderTemplateToString(template: TemplateResult): string {
  return renderTemplate(template);
}
