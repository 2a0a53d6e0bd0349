import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import type { ParamSpecs, ScalarParam } from '../../src/dsp/params.js';
import { PROCESSORS } from '../../src/dsp/registry.js';
import { EDIT_OPERATIONS } from '../../src/edit/registry.js';
import { useTempDir } from '../io/helpers/fixtures.js';
import { cli as runFrom } from './run-cli.js';

/** `--help` on every command at every depth, found by walking the real command tree. */

const tmp = useTempDir();
const cli = (...args: string[]) => runFrom(tmp.dir(), ...args);

function commandPaths(command: Command, prefix: string[] = []): [string[], Command][] {
  return command.commands.flatMap((sub) => {
    const path = [...prefix, sub.name()];
    return [[path, sub] as [string[], Command], ...commandPaths(sub, path)];
  });
}

const silentIo = { stdout: { write: () => true }, stderr: { write: () => true }, cwd: '.' };
const program = buildProgram({ io: silentIo, setExitCode: () => {} });
const commands = commandPaths(program);
/** Commander wraps help text to the terminal's width; compare words, not line breaks. */
const words = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('--help on every command', () => {
  it('the walk finds the documented top-level commands and their subcommands', () => {
    const top = program.commands.map((c) => c.name());
    for (const name of ['analyze', 'init', 'validate', 'render', 'master', 'edit']) {
      expect(top).toContain(name);
    }
    expect(commands.some(([path]) => path.length > 1)).toBe(true);
  });

  it('mixdown --help: usage, description, exit codes; exit 0', async () => {
    const r = await cli('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: mixdown /);
    expect(words(r.stdout)).toContain(words(program.description()));
    expect(r.stderr).toBe('');
  });

  for (const [path, command] of commands) {
    it(`mixdown ${path.join(' ')} --help: a usage line and its description; exit 0`, async () => {
      expect(command.description().trim().length).toBeGreaterThan(0);
      const r = await cli(...path, '--help');
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout.split('\n')[0]).toMatch(new RegExp(`^Usage: mixdown ${path.join(' ')}( |$)`));
      expect(words(r.stdout)).toContain(words(command.description()));
    });
  }
});

/** The help line a declared parameter should get: its id, then its unit and range or its choices. */
function expectedStart(id: string, spec: ScalarParam): RegExp {
  const quote = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  switch (spec.kind) {
    case 'number': {
      const unit = spec.unit === 'none' ? '' : ` ${quote(spec.unit)}`;
      return new RegExp(`^\\s+${id}  ${quote(`${spec.min}…${spec.max}`)}${unit} \\(default `);
    }
    case 'choice':
      return new RegExp(`^\\s+${id}  ${quote(spec.choices.join(' | '))} \\(default `);
    case 'boolean':
      return new RegExp(`^\\s+${id}  true \\| false \\(default `);
    case 'file':
      return new RegExp(`^\\s+${id}  <audio file> — `);
  }
}

function scalarParams(specs: ParamSpecs): [string, ScalarParam][] {
  return Object.entries(specs).flatMap(([id, spec]) =>
    spec.kind === 'group' ? Object.entries(spec.items) : [[id, spec] as [string, ScalarParam]],
  );
}

describe('mixdown processors <name>: every declared parameter with its unit and range', () => {
  const entries: [string, string, ParamSpecs][] = [
    ...PROCESSORS.map((p) => ['insert', p.type, p.params] as [string, string, ParamSpecs]),
    ...EDIT_OPERATIONS.map((o) => ['edit', o.op, o.params] as [string, string, ParamSpecs]),
  ];
  for (const [kind, name, params] of entries) {
    it(`${kind} ${name}`, async () => {
      const r = await cli('processors', name);
      expect(r.code).toBe(0);
      const lines = r.stdout.split('\n');
      expect(lines[0]).toMatch(new RegExp(`^${kind} "${name}": `));
      for (const [id, spec] of scalarParams(params)) {
        expect(lines.some((l) => expectedStart(id, spec).test(l))).toBe(true);
      }
      for (const [id, spec] of Object.entries(params)) {
        if (spec.kind === 'group') {
          expect(lines).toContain(`  ${id}[]  up to ${spec.maxItems} items — ${spec.description}`);
        }
      }
    });
  }

  it('an unknown name gets one sentence listing the known ones, and exit 2', async () => {
    const r = await cli('processors', 'flanger');
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('No processor or edit operation "flanger"; known: ');
  });
});
