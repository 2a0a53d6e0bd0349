/**
 * Pan laws: the gains that place a mono signal between two speakers, and the balance
 * control for stereo signals. `position` runs from −1 (hard left) to +1 (hard right).
 *
 * For a mono source, "−3 dB" is the constant-power law (sin/cos: each side at −3.01 dB in
 * the centre, total power constant everywhere); "−6 dB" is the linear (constant-voltage)
 * law; "−4.5 dB" is the geometric mean of the two; "linear" is the 0 dB-centre law some
 * consoles use (centre unity, far side fades linearly to silence).
 */
export type PanLaw = '-3dB' | '-4.5dB' | '-6dB' | 'linear';

export const PAN_LAWS: readonly PanLaw[] = ['-3dB', '-4.5dB', '-6dB', 'linear'];

export interface StereoGains {
  left: number;
  right: number;
}

/** Gains for a mono signal sent to both sides, at `position` under `law`. */
export function panGains(position: number, law: PanLaw, out: StereoGains): StereoGains {
  const p = Math.max(-1, Math.min(1, position));
  const theta = ((p + 1) * Math.PI) / 4; // 0 … π/2
  switch (law) {
    case '-3dB':
      out.left = Math.cos(theta);
      out.right = Math.sin(theta);
      break;
    case '-6dB':
      out.left = (1 - p) / 2;
      out.right = (1 + p) / 2;
      break;
    case '-4.5dB':
      out.left = Math.sqrt(Math.cos(theta) * ((1 - p) / 2));
      out.right = Math.sqrt(Math.sin(theta) * ((1 + p) / 2));
      break;
    case 'linear':
      out.left = Math.min(1, 1 - p);
      out.right = Math.min(1, 1 + p);
      break;
  }
  return out;
}

/**
 * Balance for a stereo signal: the centre leaves both sides at unity; moving right fades
 * the left side down (and vice versa) following the chosen law's far-side curve, so a hard
 * position silences the other side.
 */
export function balanceGains(position: number, law: PanLaw, out: StereoGains): StereoGains {
  const p = Math.max(-1, Math.min(1, position));
  // The far side follows the pan law renormalised to unity at the centre. `out` doubles as
  // scratch: this runs once per block per strip, so it allocates nothing.
  const centre = panGains(0, law, out).left;
  const { left, right } = panGains(p, law, out);
  out.left = p > 0 ? left / centre : 1;
  out.right = p < 0 ? right / centre : 1;
  return out;
}
