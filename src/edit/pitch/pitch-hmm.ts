/**
 * Smoothing of frame-wise pitch candidates by a hidden Markov model decoded with Viterbi,
 * after pYIN's second stage (Mauch & Dixon 2014): hidden states are pitch bins (voiced)
 * plus one unvoiced state; pitch moves between neighbouring bins with a triangular
 * probability limited to `maxJumpSemitones` per frame, and voicing switches with a small
 * probability. A lone octave error (a candidate an octave away for a frame or two) costs a
 * jump the model does not allow, so the path stays on the continuous pitch — this, not a
 * single threshold, is what makes the tracker resist octave errors.
 */
export interface PitchHmmOptions {
  readonly minMidi: number;
  readonly maxMidi: number;
  /** Width of a pitch bin (0.2 = 20 cents). */
  readonly binSemitones: number;
  /** Largest pitch change between consecutive frames. */
  readonly maxJumpSemitones: number;
  /** Probability of switching voiced ↔ unvoiced between frames. */
  readonly switchProbability: number;
  /** Emission of the unvoiced state is this × (1 − voicing probability). */
  readonly unvoicedWeight: number;
}

/** Candidates of every frame, flattened: frame f owns indices offsets[f] … offsets[f+1]−1. */
export interface FrameCandidates {
  readonly offsets: Int32Array;
  readonly midi: Float64Array;
  readonly probability: Float64Array;
}

/** Path value for an unvoiced frame. */
export const UNVOICED = -1;
/** Path value for a voiced frame whose bin had no candidate (bridged; fill by interpolation). */
export const BRIDGED = -2;

/**
 * Beam of the Viterbi search, nats: voiced states further than this below the best state
 * of the previous frame are not extended. A state 25 nats behind would need e^25 times the
 * emission of its rivals to catch up; with a floor of 1e-4 per frame, no path does.
 */
const BEAM = 25;
/** Emission of a voiced bin with no candidate: lets the path bridge a one-frame dropout. */
const EMISSION_FLOOR = 1e-4;

/**
 * The most likely state sequence; per frame, the index of the chosen candidate (the most
 * probable one in the chosen bin), UNVOICED or BRIDGED.
 */
export function decodePitchPath(candidates: FrameCandidates, options: PitchHmmOptions): Int32Array {
  const frames = candidates.offsets.length - 1;
  const path = new Int32Array(frames).fill(UNVOICED);
  if (frames <= 0) return path;
  const bins = Math.ceil((options.maxMidi - options.minMidi) / options.binSemitones) + 1;
  const reach = Math.max(1, Math.round(options.maxJumpSemitones / options.binSemitones));
  const binOf = (midi: number) =>
    Math.max(0, Math.min(bins - 1, Math.round((midi - options.minMidi) / options.binSemitones)));

  // Triangular transition over |Δbin| ≤ reach, in logs, scaled so that keeping the bin
  // costs nothing but the voicing switch. pYIN normalises it and gives its unvoiced states
  // pitch bins that pay the same normalisation; with a single unvoiced state, an
  // unscaled normalisation would tax every voiced frame (−2.6 nats at 13 bins) and hand
  // weak voiced frames to the unvoiced state.
  const logStep = new Float64Array(reach + 1);
  const stay = 1 - options.switchProbability;
  for (let d = 0; d <= reach; d++) logStep[d] = Math.log(((reach + 1 - d) / (reach + 1)) * stay);
  const logSwitchOff = Math.log(options.switchProbability);
  const logSwitchOn = Math.log(options.switchProbability / bins);
  const logStayUnvoiced = Math.log(stay);

  const u = bins; // index of the unvoiced state
  let previous = new Float64Array(bins + 1);
  let current = new Float64Array(bins + 1);
  const emission = new Float64Array(bins);
  const back = new Int16Array(frames * (bins + 1));

  const logFloor = Math.log(EMISSION_FLOOR);
  const linear = new Float64Array(bins);
  const emit = (f: number): number => {
    emission.fill(logFloor);
    let voicing = 0;
    const from = candidates.offsets[f];
    const to = candidates.offsets[f + 1];
    for (let i = from; i < to; i++) linear[binOf(candidates.midi[i])] = EMISSION_FLOOR;
    for (let i = from; i < to; i++) {
      linear[binOf(candidates.midi[i])] += candidates.probability[i];
      voicing += candidates.probability[i];
    }
    for (let i = from; i < to; i++) {
      const b = binOf(candidates.midi[i]);
      emission[b] = Math.log(linear[b]);
    }
    return Math.log(Math.max(EMISSION_FLOOR, options.unvoicedWeight * (1 - Math.min(1, voicing))));
  };

  // Start: unvoiced or any bin, equally likely a priori.
  const logUnvoicedStart = emit(0);
  for (let b = 0; b < bins; b++) previous[b] = Math.log(0.5 / bins) + emission[b];
  previous[u] = Math.log(0.5) + logUnvoicedStart;

  for (let f = 1; f < frames; f++) {
    const logUnvoiced = emit(f);
    const row = f * (bins + 1);
    const fromUnvoiced = previous[u] + logSwitchOn;
    let bestVoiced = Number.NEGATIVE_INFINITY;
    let bestVoicedBin = 0;
    for (let b = 0; b < bins; b++) {
      if (previous[b] > bestVoiced) {
        bestVoiced = previous[b];
        bestVoicedBin = b;
      }
    }
    // Every bin can be entered from the unvoiced state; voiced predecessors then push their
    // scores to the bins within reach. Only predecessors within BEAM of the best voiced
    // score push: one further behind cannot win a bin that the best one (or the unvoiced
    // state) reaches, except by more than the whole beam of emission differences.
    for (let b = 0; b < bins; b++) {
      current[b] = fromUnvoiced;
      back[row + b] = u;
    }
    const threshold = Math.max(bestVoiced, fromUnvoiced) - BEAM;
    for (let p = 0; p < bins; p++) {
      const base = previous[p];
      if (base < threshold) continue;
      const lo = Math.max(0, p - reach);
      const hi = Math.min(bins - 1, p + reach);
      for (let b = lo; b <= hi; b++) {
        const score = base + logStep[b > p ? b - p : p - b];
        if (score > current[b]) {
          current[b] = score;
          back[row + b] = p;
        }
      }
    }
    for (let b = 0; b < bins; b++) current[b] += emission[b];
    const stayU = previous[u] + logStayUnvoiced;
    const enterU = bestVoiced + logSwitchOff;
    if (stayU >= enterU) {
      current[u] = stayU + logUnvoiced;
      back[row + u] = u;
    } else {
      current[u] = enterU + logUnvoiced;
      back[row + u] = bestVoicedBin;
    }
    const swap = previous;
    previous = current;
    current = swap;
  }

  let state = 0;
  for (let s = 1; s <= bins; s++) if (previous[s] > previous[state]) state = s;
  for (let f = frames - 1; f >= 0; f--) {
    if (state === u) {
      path[f] = UNVOICED;
    } else {
      let chosen = BRIDGED;
      let best = 0;
      for (let i = candidates.offsets[f]; i < candidates.offsets[f + 1]; i++) {
        if (binOf(candidates.midi[i]) === state && candidates.probability[i] > best) {
          best = candidates.probability[i];
          chosen = i;
        }
      }
      path[f] = chosen;
    }
    if (f > 0) state = back[f * (bins + 1) + state];
  }
  return path;
}
