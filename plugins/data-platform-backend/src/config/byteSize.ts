const BYTE_UNITS: Record<string, number> = {
  b: 1,
  kb: 1024,
  mb: 1024 ** 2,
  gb: 1024 ** 3,
};

/**
 * A size in bytes from a number, or a string such as '512kb' or '10mb'
 * (the forms Express's body limits take); undefined when it is neither.
 */
export function byteSize(value: unknown): number | undefined {
  if (typeof value === 'number')
    return value > 0 ? Math.floor(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const match = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(value.trim());
  if (!match) return undefined;
  const size = Number(match[1]) * BYTE_UNITS[(match[2] ?? 'b').toLowerCase()];
  return size > 0 ? Math.floor(size) : undefined;
}
