import { escapeMarkup } from './format.js';

/**
 * A tiny SVG writer. Output is deterministic — attributes in the order given, coordinates
 * rounded to a tenth of a pixel (finer than any screen or printer shows at the sizes used
 * here, and it keeps files small) — so the same data always gives the same bytes.
 */

export type AttributeValue = string | number | undefined;
export type Attributes = Readonly<Record<string, AttributeValue>>;

/**
 * A coordinate or length for SVG: one decimal, no trailing ".0", no "-0". Anything not finite
 * is a bug in the caller (gaps are handled before coordinates are written), so it throws
 * rather than writing "NaN" into a file.
 */
export function coord(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`SVG coordinate is not finite: ${value}`);
  const rounded = Math.round(value * 10) / 10;
  return rounded === 0 ? '0' : String(rounded);
}

function attributeText(attributes: Attributes): string {
  let text = '';
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    const shown = typeof value === 'number' ? coord(value) : escapeMarkup(value);
    text += ` ${name}="${shown}"`;
  }
  return text;
}

/** `<name attrs>children</name>`, or `<name attrs/>` without children. Children are markup. */
export function element(name: string, attributes: Attributes, ...children: string[]): string {
  const body = children.join('');
  return body === ''
    ? `<${name}${attributeText(attributes)}/>`
    : `<${name}${attributeText(attributes)}>${body}</${name}>`;
}

/** A text element; `content` is plain text and is escaped. */
export function text(attributes: Attributes, content: string): string {
  return `<text${attributeText(attributes)}>${escapeMarkup(content)}</text>`;
}
