/**
 * Report data built from the synthetic master: what `mixdown master` would hand the report.
 * Used by the report tests and by the screenshot script.
 */
import { createHash } from 'node:crypto';
import { diagnostic } from '../../src/core/diagnostics.js';
import { predictPlayback } from '../../src/master/platform-playback.js';
import { findPlatform } from '../../src/master/platforms.js';
import { qualityWarnings } from '../../src/master/quality-warnings.js';
import { deepestGainDb } from '../../src/report/gain-reduction-figure.js';
import { longTermSpectrum } from '../../src/report/long-term-spectrum.js';
import { reportSignal } from '../../src/report/report-signal.js';
import type { MasteringReportData } from '../../src/report/types.js';
import { syntheticMaster, syntheticMix, tiltEq } from './synthetic-master.js';

export const FIXTURE_PLATFORMS = [
  'spotify',
  'apple',
  'youtube',
  'amazon',
  'tidal',
  'deezer',
  'broadcast',
];

export function masteringFixture(seconds = 40): MasteringReportData {
  const master = syntheticMaster(seconds);
  // A reference with a different balance: a little less low end, more air.
  const reference = syntheticMix(seconds, master.after.sampleRate, 99);
  tiltEq(reference, -1, 3);
  const spotify = findPlatform('spotify')!;
  const playback = FIXTURE_PLATFORMS.map((id) =>
    predictPlayback(findPlatform(id)!, {
      integratedLufs: master.afterAnalysis.integratedLufs,
      truePeakDbtp: master.afterAnalysis.truePeakDbtp,
    }),
  );
  const sha = (text: string) => createHash('sha256').update(text).digest('hex');
  return {
    title: 'Mastering report — Night Drive',
    inputFile: 'night-drive-mix.wav',
    outputFile: 'night-drive-master.wav',
    target: { platform: spotify.name, lufs: spotify.targetLufs, ceilingDbtp: spotify.ceilingDbtp },
    before: {
      ...reportSignal('Before', master.before, master.beforeAnalysis),
      diagnostics: qualityWarnings(master.beforeAnalysis),
    },
    after: {
      ...reportSignal('After', master.after, master.afterAnalysis),
      diagnostics: qualityWarnings(master.afterAnalysis),
    },
    reference: { label: 'Reference', spectrum: longTermSpectrum(reference) },
    gainReduction: master.gainReduction,
    chain: [
      {
        name: 'Tilt EQ',
        explanation:
          '+2.0 dB below 120 Hz and +1.5 dB above 6 kHz, to match the reference’s fuller low end and air.',
      },
      {
        name: 'Glue compressor',
        explanation:
          '2:1 above −20 dBFS RMS with 50 ms averaging, to hold the chorus together (up to 3.7 dB).',
      },
      { name: 'Gain', explanation: '+11.0 dB into the limiter, to reach the −14 LUFS target.' },
      {
        name: 'Limiter',
        explanation:
          'Look-ahead 1.5 ms, release 80 ms, ceiling −2.4 dBFS sample peak, for a true peak under −1 dBTP.',
      },
    ],
    playback,
    // A stage finding, as the mastering chain would report one.
    diagnostics: [
      diagnostic(
        'limiter-depth',
        'info',
        `The limiter reduced the loudest hits by up to ${(-deepestGainDb(master.gainReduction[0])).toFixed(1)} dB.`,
      ),
    ],
    deliverables: [
      {
        fileName: 'night-drive-master.wav',
        format: 'WAV 24-bit 44.1 kHz',
        integratedLufs: master.afterAnalysis.integratedLufs,
        truePeakDbtp: master.afterAnalysis.truePeakDbtp,
        ceilingDbtp: -1,
        sha256: sha('wav'),
        sizeBytes: 10_584_044,
      },
      {
        fileName: 'night-drive-master.mp3',
        format: 'MP3 320 kbps',
        integratedLufs: master.afterAnalysis.integratedLufs + 0.02,
        truePeakDbtp: master.afterAnalysis.truePeakDbtp,
        decodedTruePeakDbtp: master.afterAnalysis.truePeakDbtp + 0.6,
        ceilingDbtp: -1,
        sha256: sha('mp3'),
        sizeBytes: 1_602_112,
      },
    ],
    generatedBy: 'mixdown 0.1.0 (test fixture)',
  };
}
