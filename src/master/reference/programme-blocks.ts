import type { Programme } from '../programme.js';

/**
 * Reads a mastering programme once, in blocks. programme.ts has the same loop
 * (`forEachBlock`), but importing it would pull its Node file-system code into the
 * analysis modules, which must also run in a browser; only the `Programme` type is shared.
 */
export async function readBlocks(
  programme: Programme,
  visit: (channels: Float32Array[], frames: number) => void,
  blockFrames = 16384,
): Promise<void> {
  const reader = await programme.open();
  try {
    const buffers = Array.from({ length: programme.channels }, () => new Float32Array(blockFrames));
    for (;;) {
      const frames = await reader.readInto(buffers, blockFrames);
      if (frames === 0) break;
      visit(buffers, frames);
    }
  } finally {
    await reader.close();
  }
}
