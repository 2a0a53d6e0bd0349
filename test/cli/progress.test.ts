import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CliIo, OutputStream } from '../../src/cli/cli-io.js';
import { runCli } from '../../src/cli/program.js';
import { ProgressDisplay } from '../../src/cli/progress.js';
import { writeAudio } from '../../src/io/index.js';
import { useTempDir } from '../io/helpers/fixtures.js';
import { makeProject, sine } from '../mix/project-helpers.js';

/**
 * Progress bars: drawn on stderr only when both stdout and stderr are terminals (so piped or
 * JSON output stays clean), never with --no-progress, and only for work that lasts (700 ms).
 * The clock is faked so "lasts" and "× realtime" are exact.
 */

const tmp = useTempDir();

interface FakeTerminal {
  readonly io: CliIo;
  stdout(): string;
  stderr(): string;
}

function terminal(stdoutIsTty: boolean, stderrIsTty = true): FakeTerminal {
  let out = '';
  let err = '';
  const stream = (isTTY: boolean, sink: (t: string) => void): OutputStream => ({
    isTTY,
    columns: 120,
    write: (t: string) => {
      sink(t);
      return true;
    },
  });
  return {
    io: {
      stdout: stream(stdoutIsTty, (t) => {
        out += t;
      }),
      stderr: stream(stderrIsTty, (t) => {
        err += t;
      }),
      cwd: tmp.dir(),
    },
    stdout: () => out,
    stderr: () => err,
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('ProgressDisplay with a fake clock', () => {
  it('on a terminal: draws after 700 ms on stderr, with percent, detail and speed; clears when stopped', async () => {
    vi.useFakeTimers();
    const t = terminal(true);
    const bar = new ProgressDisplay(t.io, 'render');
    bar.update(0.1, 6, 'first');
    await vi.advanceTimersByTimeAsync(600);
    expect(t.stderr()).toBe('');
    await vi.advanceTimersByTimeAsync(1400);
    // 2 s of wall clock, 60 s of audio: 30× realtime; half done, so 2 s to go.
    bar.update(0.5, 60, '0:30 rendered');
    await vi.advanceTimersByTimeAsync(500);
    const drawn = t.stderr();
    expect(drawn).toContain('render [');
    expect(drawn).toMatch(/render \[[█░]{24}\] 50% \| 0:30 rendered \| \d+\.\d× realtime \| ETA /);
    bar.stop();
    expect(t.stdout()).toBe('');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('reports speed as audio seconds per wall-clock second', async () => {
    vi.useFakeTimers();
    const t = terminal(true);
    const bar = new ProgressDisplay(t.io, 'analyze');
    await vi.advanceTimersByTimeAsync(4000);
    bar.update(0.25, 100, '0/1 files');
    await vi.advanceTimersByTimeAsync(200);
    // Elapsed is 4.0–4.2 s when the bar redraws: 100 s of audio reads 23.8…25.0× realtime.
    const speeds = [...t.stderr().matchAll(/\| ([\d.]+)× realtime/g)].map((m) => Number(m[1]));
    expect(speeds.length).toBeGreaterThan(0);
    const last = speeds[speeds.length - 1];
    expect(last).toBeGreaterThanOrEqual(100 / 4.2 - 0.05);
    expect(last).toBeLessThanOrEqual(100 / 4.0 + 0.05);
    bar.stop();
  });

  const silentCases: [string, () => FakeTerminal, boolean][] = [
    ['stdout is not a terminal (piped)', () => terminal(false, true), true],
    ['stderr is not a terminal', () => terminal(true, false), true],
    ['--no-progress', () => terminal(true, true), false],
  ];
  for (const [label, make, enabled] of silentCases) {
    it(`draws nothing when ${label}`, async () => {
      vi.useFakeTimers();
      const t = make();
      const bar = new ProgressDisplay(t.io, 'render', enabled);
      for (let i = 1; i <= 10; i++) {
        await vi.advanceTimersByTimeAsync(500);
        bar.update(i / 20, i, 'working');
      }
      bar.stop();
      expect(t.stderr()).toBe('');
      expect(t.stdout()).toBe('');
    });
  }

  it('draws nothing for work that ends within 700 ms', async () => {
    vi.useFakeTimers();
    const t = terminal(true);
    const bar = new ProgressDisplay(t.io, 'render');
    bar.update(0.5, 1, 'half');
    await vi.advanceTimersByTimeAsync(650);
    bar.update(1, 2, 'done');
    bar.stop();
    await vi.advanceTimersByTimeAsync(2000);
    expect(t.stderr()).toBe('');
  });
});

/**
 * Runs the CLI in-process with a fake clock that jumps a second per turn of the event loop,
 * so any command longer than a few turns of real I/O "lasts" long enough to show its bar.
 */
async function runWithFastClock(t: FakeTerminal, ...args: string[]): Promise<number> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  let code: number | undefined;
  const running = runCli(args, t.io).then((c) => {
    code = c;
  });
  while (code === undefined) {
    await vi.advanceTimersByTimeAsync(1000);
    await new Promise((resolve) => setImmediate(resolve));
  }
  await running;
  vi.useRealTimers();
  return code;
}

async function longTone(name: string): Promise<string> {
  const path = tmp.path(name);
  await writeAudio(path, sine(1000, 0.25, 120, 48000, 2), {
    format: 'wav',
    sampleRate: 48000,
    channels: 2,
    bitDepth: 24,
  });
  return path;
}

describe('the analyze and render bars through the CLI', () => {
  it('analyze on a terminal draws its bar on stderr and keeps stdout for the table', async () => {
    const path = await longTone('long.wav');
    const t = terminal(true);
    expect(await runWithFastClock(t, 'analyze', '--jobs', '1', path)).toBe(0);
    expect(t.stderr()).toMatch(/analyze \[[█░]+\] \d+% \| 0\/1 files \| [\d.]+× realtime/);
    expect(t.stdout()).not.toContain('analyze [');
    expect(t.stdout()).toContain('integrated');
  });

  it('render on a terminal draws its bar with × realtime', async () => {
    const project = await makeProject(tmp.dir(), {
      tone: sine(220, 0.3, 120, 48000),
    });
    const t = terminal(true);
    expect(
      await runWithFastClock(t, 'render', project, '--threads', '1', '-o', tmp.path('mix.wav')),
    ).toBe(0);
    expect(t.stderr()).toMatch(/render \[[█░]+\] \d+% \| [\d:.]+ rendered \| [\d.]+× realtime/);
    expect(t.stdout()).toContain('Rendered');
  });

  for (const [label, stdoutIsTty, extra] of [
    ['piped', false, []],
    ['--no-progress', true, ['--no-progress']],
  ] as const) {
    it(`analyze and render draw nothing on stderr when ${label}`, async () => {
      const path = await longTone(`quiet-${stdoutIsTty}.wav`);
      const project = await makeProject(tmp.dir(), { tone: sine(220, 0.3, 60, 48000) });
      const a = terminal(stdoutIsTty);
      expect(await runWithFastClock(a, 'analyze', '--jobs', '1', ...extra, path)).toBe(0);
      expect(a.stderr()).toBe('');
      const r = terminal(stdoutIsTty);
      expect(
        await runWithFastClock(
          r,
          'render',
          project,
          '--threads',
          '1',
          ...extra,
          '-o',
          tmp.path(`m-${stdoutIsTty}.wav`),
        ),
      ).toBe(0);
      expect(r.stderr()).toBe('');
    });
  }
});
