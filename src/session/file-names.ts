/**
 * Names `mixdown init` derives from audio file names. Studio exports usually look like
 * "02_lead-vocal_take3.wav": a track number, then words joined by "_" or "-". The number
 * only repeats the file's position, so it is dropped; the separators become spaces.
 */

/** "02_lead-vocal_take3.wav" → "lead vocal take3"; "" when nothing is left. */
export function trackNameFromFile(fileName: string): string {
  const base = fileName.replace(/\.[^.]*$/, '');
  const words = base
    .replace(/[_\s-]+/g, ' ')
    .trim()
    // One or two digits: a track number, not a year or an "808".
    .replace(/^\d{1,2}(?:\.|\s)\s*(?=\S)/, '');
  return words.trim();
}

/** "lead vocal take3" → "lead-vocal-take3": lowercase letters, digits and dashes. */
export function slug(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * `base`, or the first of `variant(base, 2)`, `variant(base, 3)`… not yet taken; the result
 * is added to `taken`. Comparison ignores case (file systems and people both may).
 */
export function uniqueName(
  base: string,
  taken: Set<string>,
  variant: (base: string, n: number) => string,
): string {
  let candidate = base;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = variant(base, n);
  taken.add(candidate.toLowerCase());
  return candidate;
}
