import type { SessionIssue } from './issues.js';
import { MASTER_NAME } from './schema.js';
import type { StripEntry } from './strips.js';
import { didYouMean } from './suggest.js';

/**
 * Names and signal routes: names unique, every output, send and sidechain naming a strip
 * that can take it, and no signal feeding back into itself. A route is an edge from the
 * strip whose signal travels to the strip that uses it (output and sends: into the target;
 * sidechain: from the named strip into the insert's strip).
 */

interface Route {
  readonly from: string;
  readonly to: string;
  /** Where the route is written, e.g. "buses[0].sends[0]" or "tracks[1].output". */
  readonly path: string;
}

function checkNames(strips: readonly StripEntry[]): SessionIssue[] {
  const issues: SessionIssue[] = [];
  // Compared without case: "Drums" and "drums" would be told apart only by a careful eye.
  const seen = new Map<string, string>();
  for (const strip of strips) {
    if (strip.kind === 'master') continue;
    const key = strip.name.toLowerCase();
    const path = `${strip.path}.name`;
    if (key === MASTER_NAME) {
      issues.push({
        path,
        message: `"${MASTER_NAME}" is reserved for the master strip; choose another name, got ${JSON.stringify(strip.name)}`,
        code: 'duplicate-name',
      });
      continue;
    }
    const first = seen.get(key);
    if (first !== undefined) {
      issues.push({
        path,
        message: `must be unique among tracks and buses, but ${first} is also named ${JSON.stringify(strip.name)}`,
        code: 'duplicate-name',
      });
    } else {
      seen.set(key, strip.path);
    }
  }
  return issues;
}

function unknownTarget(
  path: string,
  given: string,
  expectation: string,
  candidates: readonly string[],
): SessionIssue {
  return {
    path,
    message: `must name ${expectation}, got ${JSON.stringify(given)}${didYouMean(given, candidates)}`,
    code: 'unknown-reference',
  };
}

/** Checks every route's target and returns the routes that exist, for the cycle search. */
function checkRoutes(
  strips: readonly StripEntry[],
  issues: SessionIssue[],
): { routes: Route[]; nodes: string[] } {
  const buses = strips.filter((s) => s.kind === 'bus').map((s) => s.name);
  const tracksAndBuses = strips.filter((s) => s.kind !== 'master').map((s) => s.name);
  const routes: Route[] = [];

  for (const strip of strips) {
    if (strip.output !== undefined) {
      const path = `${strip.path}.output`;
      if (strip.output === MASTER_NAME || buses.includes(strip.output)) {
        routes.push({ from: strip.name, to: strip.output, path });
      } else {
        issues.push(unknownTarget(path, strip.output, `a bus or "${MASTER_NAME}"`, buses));
      }
    }
    strip.sends.forEach((send, i) => {
      const path = `${strip.path}.sends[${i}]`;
      if (buses.includes(send.to)) {
        routes.push({ from: strip.name, to: send.to, path });
      } else {
        issues.push(unknownTarget(`${path}.to`, send.to, 'a bus', buses));
      }
    });
    strip.inserts.forEach((insert, i) => {
      if (insert.sidechain === undefined) return;
      const path = `${strip.path}.inserts[${i}].sidechain`;
      if (tracksAndBuses.includes(insert.sidechain)) {
        routes.push({ from: insert.sidechain, to: strip.name, path });
      } else {
        issues.push(unknownTarget(path, insert.sidechain, 'a track or bus', tracksAndBuses));
      }
    });
  }
  return { routes, nodes: strips.map((s) => s.name) };
}

/**
 * Every cycle closed by a back edge of a depth-first search (strips visited in document
 * order), each reported once, starting where the search first entered it, e.g.
 * "routing cycle: Drums → FX → Drums (buses[0].sends[0] → buses[1].output)".
 */
function findCycles(nodes: readonly string[], routes: readonly Route[]): SessionIssue[] {
  const outgoing = new Map<string, Route[]>();
  for (const route of routes)
    outgoing.set(route.from, [...(outgoing.get(route.from) ?? []), route]);
  const state = new Map<string, 'active' | 'done'>();
  const stack: Route[] = [];
  const issues: SessionIssue[] = [];

  const visit = (node: string): void => {
    state.set(node, 'active');
    for (const route of outgoing.get(node) ?? []) {
      const next = state.get(route.to);
      if (next === 'active') {
        // The cycle is the part of the path from where `route.to` was entered, plus `route`.
        const start = stack.findIndex((r) => r.from === route.to);
        const cycle = [...(start === -1 ? [] : stack.slice(start)), route];
        const names = [...cycle.map((r) => r.from), route.to].join(' → ');
        issues.push({
          path: cycle[0].path,
          message: `routing cycle: ${names} (${cycle.map((r) => r.path).join(' → ')}); remove one of these routes`,
          code: 'routing-cycle',
        });
      } else if (next === undefined) {
        stack.push(route);
        visit(route.to);
        stack.pop();
      }
    }
    state.set(node, 'done');
  };

  for (const node of nodes) if (!state.has(node)) visit(node);
  return issues;
}

/** Name, route and cycle problems of a session's strips. */
export function checkRouting(strips: readonly StripEntry[]): SessionIssue[] {
  const issues = checkNames(strips);
  // Routes among duplicated names would be ambiguous; report the names first.
  if (issues.length > 0) return issues;
  const { routes, nodes } = checkRoutes(strips, issues);
  return [...issues, ...findCycles(nodes, routes)];
}
