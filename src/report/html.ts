import { escapeMarkup } from './format.js';

/**
 * A minimal HTML writer. Every element is closed explicitly (HTML would read `<td/>` as an
 * open tag), attribute order is as given, and text is escaped by `esc`.
 */

export type HtmlAttributes = Readonly<Record<string, string | undefined>>;

export function tag(name: string, attributes: HtmlAttributes, ...children: string[]): string {
  let attrs = '';
  for (const [key, value] of Object.entries(attributes)) {
    if (value !== undefined) attrs += ` ${key}="${escapeMarkup(value)}"`;
  }
  return `<${name}${attrs}>${children.join('')}</${name}>`;
}

/** Escaped text content. */
export const esc = escapeMarkup;

export interface Column {
  readonly label: string;
  /** Numeric columns align right, header included, so digits line up under their title. */
  readonly numeric?: boolean;
}

/** A table's `<thead>` from its columns. */
export function tableHead(columns: readonly Column[]): string {
  const cells = columns.map((c) =>
    tag('th', { scope: 'col', class: c.numeric ? 'num' : undefined }, esc(c.label)),
  );
  return tag('thead', {}, tag('tr', {}, ...cells));
}
