/** Small helpers for reading fixed fields out of byte headers. */

export function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}

export function dataView(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function uint32le(bytes: Uint8Array, offset: number): number {
  return dataView(bytes).getUint32(offset, true);
}

export function uint32be(bytes: Uint8Array, offset: number): number {
  return dataView(bytes).getUint32(offset, false);
}

export function startsWithAscii(bytes: Uint8Array, offset: number, text: string): boolean {
  if (bytes.length < offset + text.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[offset + i] !== text.charCodeAt(i)) return false;
  return true;
}
