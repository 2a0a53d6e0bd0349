import { describe, expect, it } from 'vitest';
import { predictPlayback } from '../../src/master/platform-playback.js';
import { findPlatform } from '../../src/master/platforms.js';
import { platformTable } from '../../src/report/platform-table.js';
import {
  deliverableMarginDb,
  loudnessVerdict,
  platformVerdict,
  truePeakVerdict,
} from '../../src/report/verdicts.js';
import { tagBalance } from './markup.js';

const play = (id: string, integratedLufs: number, truePeakDbtp: number) =>
  predictPlayback(findPlatform(id)!, { integratedLufs, truePeakDbtp });

describe('verdicts', () => {
  it('fails a platform over its ceiling, checks one with a warning, passes the rest', () => {
    expect(platformVerdict(play('spotify', -14, -1.5))).toBe('pass');
    // Louder than −14 LUFS: Spotify's stricter −2 dBTP ceiling applies.
    expect(platformVerdict(play('spotify', -9, -1.5))).toBe('fail');
    // Broadcast wants −23 ±1 LUFS: a −14 LUFS master draws a warning, not a ceiling failure.
    expect(platformVerdict(play('broadcast', -14, -3))).toBe('check');
    // An info finding (YouTube does not raise quiet tracks) is not a problem.
    expect(platformVerdict(play('youtube', -16, -3))).toBe('pass');
  });

  it('judges loudness within the tolerance and true peak against the ceiling', () => {
    const target = { lufs: -14, ceilingDbtp: -1 };
    expect(loudnessVerdict(target, -14.5)).toBe('pass');
    expect(loudnessVerdict(target, -14.6)).toBe('fail');
    expect(loudnessVerdict({ ...target, toleranceLu: 1 }, -14.6)).toBe('pass');
    expect(loudnessVerdict(target, Number.NEGATIVE_INFINITY)).toBe('fail');
    expect(loudnessVerdict({ lufs: null, ceilingDbtp: -1 }, -8)).toBeNull();
    expect(truePeakVerdict(target, -1)).toBe('pass');
    expect(truePeakVerdict(target, -0.99)).toBe('fail');
  });

  it('takes a lossy file’s margin from its decoded true peak', () => {
    const file = {
      fileName: 'a.mp3',
      format: 'MP3',
      integratedLufs: -14,
      truePeakDbtp: -1.5,
      ceilingDbtp: -1,
      sha256: '',
    };
    expect(deliverableMarginDb(file)).toBeCloseTo(0.5, 9);
    expect(deliverableMarginDb({ ...file, decodedTruePeakDbtp: -0.7 })).toBeCloseTo(-0.3, 9);
    expect(deliverableMarginDb({ ...file, decodedTruePeakDbtp: null })).toBeCloseTo(0.5, 9);
  });
});

describe('platform table', () => {
  it('shows each prediction with its status and marks unconfirmed figures', () => {
    const html = platformTable([play('spotify', -9, -1.5), play('apple', -9, -1.5)]);
    expect(tagBalance(html)).toEqual([]);
    expect(html).toContain(
      '<th scope="row">Spotify (Normal)</th><td class="num">−14.0 LUFS</td><td class="num">−5.0 dB</td><td class="num">−14.0 LUFS</td><td class="num">−6.5 dBTP</td><td class="num">−2.0 dBTP</td>',
    );
    expect(html).toMatch(/badge-fail[\s\S]*Over ceiling/);
    // Apple's −16 LUFS is a third-party figure.
    expect(html).toContain('<td class="num">≈ −16.0 LUFS</td>');
    expect(html).toContain('≈ marks figures');
  });
});
