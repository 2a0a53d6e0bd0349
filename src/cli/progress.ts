import cliProgress from 'cli-progress';
import type { CliIo } from './cli-io.js';
import { formatDuration } from './format.js';

/** Work shorter than this never shows a bar (it would only flicker). */
const SHOW_AFTER_MS = 700;

/**
 * A progress bar for long work, drawn on stderr only when stdout is a terminal (so piped and
 * JSON output stay clean). Shows percent, files done and speed in × realtime.
 */
export class ProgressDisplay {
  private bar: cliProgress.SingleBar | undefined;
  private readonly started = Date.now();
  private readonly enabled: boolean;
  private timer: NodeJS.Timeout | undefined;
  private audioSecondsDone = 0;
  private fraction = 0;
  private detail = '';

  constructor(
    private readonly io: CliIo,
    private readonly label: string,
    enabled = true,
  ) {
    this.enabled = enabled && io.stdout.isTTY === true && io.stderr.isTTY === true;
    if (this.enabled) this.timer = setTimeout(() => this.show(), SHOW_AFTER_MS);
  }

  /** `fraction` of the whole job is done; `audioSeconds` of audio processed so far. */
  update(fraction: number, audioSeconds: number, detail: string): void {
    this.fraction = Math.min(1, Math.max(0, fraction));
    this.audioSecondsDone = audioSeconds;
    this.detail = detail;
    this.bar?.update(Math.round(this.fraction * 1000), this.payload());
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.bar?.stop();
    this.bar = undefined;
  }

  private show(): void {
    if (this.fraction >= 1) return;
    this.bar = new cliProgress.SingleBar(
      {
        stream: this.io.stderr as NodeJS.WriteStream,
        format: `${this.label} [{bar}] {percentage}% | {detail} | {speed}× realtime | ETA {etaText}`,
        hideCursor: true,
        clearOnComplete: true,
        barsize: 24,
      },
      cliProgress.Presets.shades_classic,
    );
    this.bar.start(1000, Math.round(this.fraction * 1000), this.payload());
  }

  private payload(): Record<string, string> {
    const elapsed = (Date.now() - this.started) / 1000;
    const speed = elapsed > 0 ? this.audioSecondsDone / elapsed : 0;
    const remaining = this.fraction > 0 ? (elapsed * (1 - this.fraction)) / this.fraction : 0;
    return {
      detail: this.detail,
      speed: speed >= 100 ? speed.toFixed(0) : speed.toFixed(1),
      etaText: formatDuration(remaining),
    };
  }
}
