/**
 * Reading rendered SVG and HTML back, for tests: path data to points, elements by attribute,
 * and a tag-balance check. Deliberately small and strict: the writers only emit what these
 * understand, so anything else is a failure worth seeing.
 */

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** Subpaths of a path's `d` (absolute M, L and Z only). */
export function parsePath(d: string): Point[][] {
  const subpaths: Point[][] = [];
  for (const match of d.matchAll(/([MLZ])([^MLZ]*)/g)) {
    const [, command, args] = match;
    if (command === 'Z') continue;
    const numbers = args
      .trim()
      .split(/[\s,]+/)
      .map(Number);
    if (numbers.length !== 2 || numbers.some((n) => !Number.isFinite(n))) {
      throw new Error(`unexpected path arguments "${args}"`);
    }
    const point = { x: numbers[0], y: numbers[1] };
    if (command === 'M') subpaths.push([point]);
    else subpaths[subpaths.length - 1].push(point);
  }
  return subpaths;
}

/** Attributes of the first element carrying `name="value"`. */
export function elementWith(markup: string, name: string, value: string): Record<string, string> {
  const pattern = new RegExp(
    `<([a-zA-Z]+)((?:\\s+[\\w:-]+="[^"]*")*?\\s+${name}="${value}"(?:\\s+[\\w:-]+="[^"]*")*)\\s*/?>`,
  );
  const match = markup.match(pattern);
  if (!match) throw new Error(`no element with ${name}="${value}"`);
  const attributes: Record<string, string> = {};
  for (const [, key, val] of match[2].matchAll(/([\w:-]+)="([^"]*)"/g)) attributes[key] = val;
  return attributes;
}

/** Text content of every <text> element, unescaped. */
export function texts(markup: string): string[] {
  return [...markup.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1]
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&'),
  );
}

const VOID_ELEMENTS = new Set([
  'meta',
  'br',
  'hr',
  'img',
  'input',
  'link',
  'area',
  'base',
  'col',
  'source',
  'wbr',
]);

/**
 * Every opened element is closed in order (void HTML elements and `/>` excepted). Returns the
 * problems found, empty when balanced. Style and script bodies are skipped as raw text.
 */
export function tagBalance(markup: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  const body = markup
    .replace(/<!DOCTYPE[^>]*>/i, '')
    .replace(/<(style|script)([^>]*)>[\s\S]*?<\/\1>/g, '<$1$2></$1>');
  for (const match of body.matchAll(/<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>/g)) {
    const [, closing, name, , selfClosing] = match;
    if (closing) {
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open ?? 'nothing'}>`);
    } else if (!selfClosing && !VOID_ELEMENTS.has(name.toLowerCase())) {
      stack.push(name);
    }
  }
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(' > ')}`);
  // Anything that looks like a tag but did not parse as one (a stray "<" or a broken attribute).
  const stray = body
    .replace(/<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>/g, '')
    .match(/<[^ ]/g);
  if (stray) problems.push(`unparsed markup: ${stray.slice(0, 3).join(' ')}`);
  return problems;
}

/** The standalone SVG documents inlined in an HTML page. */
export function inlineSvgs(html: string): string[] {
  return [...html.matchAll(/<svg[\s\S]*?<\/svg>/g)].map((m) => m[0]);
}
