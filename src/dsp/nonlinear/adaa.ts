import {
  hardCurve,
  hardIntegral,
  type SaturationCurve,
  softCurve,
  softIntegral,
  tapeCurve,
  tapeIntegral,
} from './curves.js';

/**
 * First-order antiderivative anti-aliasing (ADAA) of a static curve f, run at the oversampled
 * rate, with two short filters that give back what it takes from the audio band.
 *
 * ADAA (Parker, Zavalishin & Le Bivic, "Reducing the aliasing of nonlinear waveshaping using
 * continuous-time convolution", DAFx-16) joins the samples into a piecewise-linear signal,
 * shapes that in continuous time and averages the result over each sample period before
 * sampling it again:
 *   v[n] = (F(u[n]) − F(u[n−1])) / (u[n] − u[n−1]),   F' = f.
 * The average is a box filter applied before the sampling, so the harmonics that would fold
 * back from above the top rate's Nyquist are attenuated first. Where u[n] ≈ u[n−1] the quotient
 * is F's rounding over a tiny step; there the mean of f over the step is f at its midpoint to
 * within max|f''|·Δ²/24 (below 1e−11 at the threshold used), which is used instead.
 *
 * The box costs a delay of half a sample and a droop (ω in radians per top-rate sample):
 * joining the samples with lines low-passes the input by 1 − ω²/12, the box the output by
 * 1 − ω²/24; for a linear f the whole is (u[n] + u[n−1])/2, i.e. cos(ω/2). Two symmetric FIRs
 * undo both to second order:
 *   before, P = [−1/12, 7/6, −1/12]:          |P| = 1 + ω²/12 + O(ω⁴)
 *   after,  Q = [−1/12, 7/12, 7/12, −1/12]:   |Q| = 1 + ω²/24 + O(ω⁴)
 * so P·cos(ω/2)·Q = 1 + O(ω⁴) (−0.005 dB at 20 kHz at 8× of 48 kHz, −0.075 dB at 4×), and the
 * delays, 1 + ½ + 1½, add up to ADAA_DELAY whole top-rate samples, which the oversampler counts
 * into its latency — no fractional delay reaches the dry path.
 */

/** Delay of P, ADAA and Q together, in top-rate samples. */
export const ADAA_DELAY = 3;

/** Steps below this (relative to 1 + |u|) take the midpoint instead of the quotient. */
const STEP_THRESHOLD = 1e-5;

/** Per channel: P's two inputs, the previous ADAA input, Q's three inputs. */
const STATE = 6;

// Direct calls by curve, rather than through a table: each call site then sees one function,
// which the engine inlines (a shared call site through the table measured ~20 % slower).
function curveAt(curve: SaturationCurve, x: number): number {
  return curve === 'soft' ? softCurve(x) : curve === 'tape' ? tapeCurve(x) : hardCurve(x);
}

function integralAt(curve: SaturationCurve, x: number): number {
  return curve === 'soft' ? softIntegral(x) : curve === 'tape' ? tapeIntegral(x) : hardIntegral(x);
}

export class AntiderivativeShaper {
  private readonly state: Float64Array;

  constructor(channels: number) {
    this.state = new Float64Array(STATE * channels);
  }

  reset(): void {
    this.state.fill(0);
  }

  /** Shapes `count` top-rate samples of `data` in place with `curve`. */
  process(channel: number, curve: SaturationCurve, data: Float64Array, count: number): void {
    const s = this.state;
    const o = STATE * channel;
    let p1 = s[o];
    let p2 = s[o + 1];
    let uPrev = s[o + 2];
    let q1 = s[o + 3];
    let q2 = s[o + 4];
    let q3 = s[o + 5];
    // F of the previous input is recomputed rather than kept, so a change of curve between
    // blocks never pairs one curve's F with another's.
    let fPrev = integralAt(curve, uPrev);
    for (let i = 0; i < count; i++) {
      const x = data[i];
      const u = (7 / 6) * p1 - (1 / 12) * (x + p2);
      p2 = p1;
      p1 = x;
      const fu = integralAt(curve, u);
      const step = u - uPrev;
      const limit = STEP_THRESHOLD * (1 + (u < 0 ? -u : u));
      const v =
        step > limit || step < -limit ? (fu - fPrev) / step : curveAt(curve, 0.5 * (u + uPrev));
      uPrev = u;
      fPrev = fu;
      data[i] = (7 / 12) * (q1 + q2) - (1 / 12) * (v + q3);
      q3 = q2;
      q2 = q1;
      q1 = v;
    }
    s[o] = p1;
    s[o + 1] = p2;
    s[o + 2] = uPrev;
    s[o + 3] = q1;
    s[o + 4] = q2;
    s[o + 5] = q3;
  }
}
