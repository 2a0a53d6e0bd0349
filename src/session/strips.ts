import type { ParsedAutomationLane, ParsedInsert, ParsedSend, ParsedSession } from './schema.js';
import { MASTER_NAME } from './schema.js';

/**
 * Tracks, buses and the master seen alike: what routing, automation and resolution check
 * on every strip, with the document path each one lives at.
 */
export interface StripEntry {
  readonly kind: 'track' | 'bus' | 'master';
  readonly name: string;
  /** "tracks[0]", "buses[1]" or "master". */
  readonly path: string;
  readonly inserts: readonly ParsedInsert[];
  readonly sends: readonly ParsedSend[];
  readonly automation: readonly ParsedAutomationLane[];
  /** Where its signal goes; undefined for the master. */
  readonly output?: string;
}

export function stripsOf(session: ParsedSession): StripEntry[] {
  return [
    ...session.tracks.map((track, i) => ({
      kind: 'track' as const,
      name: track.name,
      path: `tracks[${i}]`,
      inserts: track.inserts,
      sends: track.sends,
      automation: track.automation,
      output: track.output,
    })),
    ...session.buses.map((bus, i) => ({
      kind: 'bus' as const,
      name: bus.name,
      path: `buses[${i}]`,
      inserts: bus.inserts,
      sends: bus.sends,
      automation: bus.automation,
      output: bus.output,
    })),
    {
      kind: 'master' as const,
      name: MASTER_NAME,
      path: 'master',
      inserts: session.master.inserts,
      sends: [],
      automation: session.master.automation,
    },
  ];
}
