/**
 * JSON for machines: -Infinity and NaN become null (JSON has neither), typed arrays become
 * plain arrays, and output is indented for people who read it too.
 */
export function toJson(value: unknown): string {
  return JSON.stringify(
    value,
    (_key, v: unknown) => {
      if (typeof v === 'number' && !Number.isFinite(v)) return null;
      if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
        return Array.from(v as unknown as ArrayLike<number>, (x) =>
          Number.isFinite(x) ? x : null,
        );
      }
      return v;
    },
    2,
  );
}
