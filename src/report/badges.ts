import { esc, tag } from './html.js';
import { VERDICT_TEXT, type Verdict } from './verdicts.js';

/**
 * A verdict badge: icon and words as well as colour, so it reads in greyscale print and for
 * colour-blind readers.
 */
export function badge(verdict: Verdict, label: string, title?: string): string {
  const { icon } = VERDICT_TEXT[verdict];
  return tag(
    'span',
    { class: `badge badge-${verdict}`, title },
    tag('span', { class: 'badge-icon', 'aria-hidden': 'true' }, icon),
    ' ',
    esc(label),
    tag('span', { class: 'visually-hidden' }, `: ${VERDICT_TEXT[verdict].word}`),
  );
}
