import { MixdownError } from '../core/errors.js';
import type { ResolvedSession, ResolvedStrip } from '../session/resolved.js';

export type StripKind = 'track' | 'bus' | 'master';

/** An audio connection between strips. */
export interface Edge {
  readonly from: string;
  readonly to: string;
  /** 'output' is the strip's main output; 'send' carries `sendIndex`. */
  readonly kind: 'output' | 'send';
  readonly sendIndex?: number;
}

export interface RoutingPlan {
  /** Strip names in processing order: everything a strip needs comes before it. */
  readonly order: readonly string[];
  readonly edges: readonly Edge[];
  /** Whether an edge carries signal under the session's mute and solo settings. */
  readonly live: ReadonlySet<Edge>;
  /** Strips whose output must be computed (they feed something audible or key a sidechain). */
  readonly needed: ReadonlySet<string>;
}

export const MASTER = 'master';

export function strips(session: ResolvedSession): ResolvedStrip[] {
  return [...session.tracks, ...session.buses, session.master];
}

/**
 * Works out the order to process strips in and which connections are heard.
 *
 * Mute and solo follow the usual DAW rules (documented in README, "Mute and solo"):
 * a muted strip sends nothing anywhere. When anything is soloed, a connection is heard if
 * its source is on a solo path (soloed itself, feeding a soloed strip, or fed by one) and
 * the connection either leads towards a soloed strip or starts at a soloed strip or one
 * downstream of it. So soloing a track keeps the buses it feeds (and its effect returns)
 * audible, and soloing a bus plays what feeds it, but not those sources' other outputs.
 * A sidechain key is not an edge: it is tapped before the key strip's fader and mute, so a
 * muted key still keys (README, "Sidechains"); `needed` keeps it processed.
 */
export function planRouting(session: ResolvedSession): RoutingPlan {
  const all = strips(session);
  const byName = new Map(all.map((s) => [s.name, s]));
  const edges: Edge[] = [];
  for (const s of [...session.tracks, ...session.buses]) {
    edges.push({ from: s.name, to: s.output, kind: 'output' });
    s.sends.forEach((send, i) => {
      edges.push({ from: s.name, to: send.to, kind: 'send', sendIndex: i });
    });
  }
  const sidechainKeys = new Map<string, string[]>();
  for (const s of all) {
    const keys = s.inserts.flatMap((i) => (i.sidechain ? [i.sidechain] : []));
    sidechainKeys.set(s.name, keys);
  }

  const order = topologicalOrder(all, edges, sidechainKeys);

  const downstream = (name: string): Set<string> => reach(name, edges, 'forward');
  const upstream = (name: string): Set<string> => reach(name, edges, 'backward');
  const soloed = all.filter((s) => s.solo && s.name !== MASTER).map((s) => s.name);
  const soloSet = new Set(soloed);
  const fromSolo = new Set<string>(soloed);
  const towardsSolo = new Set<string>();
  for (const name of soloed) {
    for (const d of downstream(name)) fromSolo.add(d);
    for (const u of upstream(name)) towardsSolo.add(u);
  }

  const live = new Set<Edge>();
  for (const edge of edges) {
    const source = byName.get(edge.from)!;
    if (source.mute) continue;
    if (edge.kind === 'send' && source.sends[edge.sendIndex!].mute) continue;
    if (soloed.length > 0) {
      const leadsToSolo = soloSet.has(edge.to) || towardsSolo.has(edge.to);
      const startsFromSolo = fromSolo.has(edge.from);
      const onSoloPath = fromSolo.has(edge.from) || towardsSolo.has(edge.from);
      if (!onSoloPath || !(leadsToSolo || startsFromSolo)) continue;
    }
    live.add(edge);
  }

  // Walk back from the master: a strip is needed if a live edge from it reaches something needed.
  const needed = new Set<string>([MASTER]);
  for (let i = order.length - 1; i >= 0; i--) {
    const name = order[i];
    if (needed.has(name)) {
      for (const key of sidechainKeys.get(name) ?? []) needed.add(key);
      continue;
    }
    if ([...live].some((e) => e.from === name && needed.has(e.to))) {
      needed.add(name);
      for (const key of sidechainKeys.get(name) ?? []) needed.add(key);
    }
  }
  // Keys found late (a key earlier in the order) were added above since we walk backwards.
  return { order, edges, live, needed };
}

function reach(
  start: string,
  edges: readonly Edge[],
  direction: 'forward' | 'backward',
): Set<string> {
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const e of edges) {
      const [a, b] = direction === 'forward' ? [e.from, e.to] : [e.to, e.from];
      if (a === node && !seen.has(b)) {
        seen.add(b);
        stack.push(b);
      }
    }
  }
  return seen;
}

/**
 * Kahn's algorithm over audio edges and sidechain edges (key before keyed strip), keeping
 * document order among equals so processing order is deterministic. A cycle is an error that
 * names it (validation catches cycles earlier; this guards the engine on its own).
 */
function topologicalOrder(
  all: readonly ResolvedStrip[],
  edges: readonly Edge[],
  sidechainKeys: ReadonlyMap<string, readonly string[]>,
): string[] {
  const deps = new Map<string, Set<string>>(all.map((s) => [s.name, new Set<string>()]));
  for (const e of edges) deps.get(e.to)?.add(e.from);
  for (const [name, keys] of sidechainKeys) for (const k of keys) deps.get(name)?.add(k);
  const order: string[] = [];
  const done = new Set<string>();
  while (order.length < all.length) {
    const next = all.find(
      (s) => !done.has(s.name) && [...deps.get(s.name)!].every((d) => done.has(d)),
    );
    if (!next) {
      const stuck = all.filter((s) => !done.has(s.name)).map((s) => s.name);
      throw new MixdownError(
        'routing-cycle',
        `The routing has a cycle among ${stuck.join(', ')}; remove one of their outputs, sends or sidechains.`,
      );
    }
    order.push(next.name);
    done.add(next.name);
  }
  return order;
}

/** An insert listening to another strip's signal: the key must reach it aligned. */
export interface KeyTap {
  /** The strip whose insert listens. */
  readonly strip: string;
  readonly insert: number;
  /** The strip whose signal (after its inserts, before its fader) is the key. */
  readonly key: string;
  /** Latency of the inserts before this one on `strip`. */
  readonly insertOffset: number;
}

/**
 * Delay compensation: every strip's output latency is the latest arrival among its inputs
 * plus the latency of its own inserts; each connection into a strip is delayed by the
 * difference between that strip's arrival and the source's output latency, so all paths
 * meet sample-aligned (STYLE.md §7). A sidechain key counts as an input of the insert it
 * feeds: the strip waits for a late key (its arrival grows), and an early key is delayed by
 * `keyDelay` so it meets the insert at the same timeline frame as the strip's own signal.
 */
export function planLatency(
  plan: RoutingPlan,
  insertLatency: ReadonlyMap<string, number>,
  keyTaps: readonly KeyTap[] = [],
): {
  outputLatency: Map<string, number>;
  edgeDelay: Map<Edge, number>;
  keyDelay: Map<KeyTap, number>;
} {
  const arrival = new Map<string, number>();
  const outputLatency = new Map<string, number>();
  for (const name of plan.order) {
    const incoming = plan.edges.filter((e) => e.to === name);
    let a = incoming.reduce((m, e) => Math.max(m, outputLatency.get(e.from) ?? 0), 0);
    // Keys come earlier in the processing order, so their latency is known here.
    for (const tap of keyTaps) {
      if (tap.strip === name) a = Math.max(a, outputLatency.get(tap.key)! - tap.insertOffset);
    }
    arrival.set(name, a);
    outputLatency.set(name, a + (insertLatency.get(name) ?? 0));
  }
  const edgeDelay = new Map<Edge, number>();
  for (const e of plan.edges) edgeDelay.set(e, arrival.get(e.to)! - outputLatency.get(e.from)!);
  const keyDelay = new Map<KeyTap, number>();
  for (const tap of keyTaps) {
    keyDelay.set(tap, arrival.get(tap.strip)! + tap.insertOffset - outputLatency.get(tap.key)!);
  }
  return { outputLatency, edgeDelay, keyDelay };
}

/** The strip named `name`, or throws (names were validated). */
export function stripByName(session: ResolvedSession, name: string): ResolvedStrip {
  const strip = strips(session).find((s) => s.name === name);
  if (!strip) throw new MixdownError('invalid-session', `No track or bus is named "${name}".`);
  return strip;
}
