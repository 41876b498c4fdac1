import { InvalidArgumentError } from 'commander';

/** Commander parser for a non-negative number (`--years 4.5`). */
export function parseNonNegative(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number of 0 or more');
  return n;
}

/** Commander parser for a TCP port. */
export function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) throw new InvalidArgumentError('expected a port number, 0–65535');
  return n;
}

/** Commander parser for a number of worker processes, 1–256. */
export function parseWorkers(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new InvalidArgumentError('expected a whole number of workers, 1–256');
  return n;
}

/** `dicom,hl7` or `dicom;hl7` → `['dicom', 'hl7']`. */
export function parseList(value: string): string[] {
  return value
    .split(/[,;]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
