// JSON for answers, without re-serialising what has been serialised before. The core answers a
// repeated query with the same deeply frozen object, so the JSON of a frozen object is kept
// (weakly: it goes when the object does) and spliced into the answers that contain it, e.g. the
// market estimate inside an offer benchmark. The text is exactly what JSON.stringify gives.

const texts = new WeakMap<object, string>();

/** Below this length the JSON of a frozen part is not kept: rebuilding it costs less than keeping it. */
const KEEP_FROM_LENGTH = 512;

/**
 * `JSON.stringify(value)`, reusing the text of frozen objects seen before.
 *
 * @example
 * toJson(estimateSalary(dataset, { level: 'mid' })); // serialised once, then reused
 */
export function toJson(value: unknown): string {
  if (typeof value !== 'object' || value === null || !Object.isFrozen(value)) return JSON.stringify(value);
  let text = texts.get(value);
  if (text === undefined) {
    text = stringifyFrozen(value);
    if (text.length >= KEEP_FROM_LENGTH) texts.set(value, text);
  }
  return text;
}

const encoded = new WeakMap<object, Buffer>();
/** Frozen answers written once as bytes whose text was not kept: kept the second time they are written. */
const answered = new WeakSet<object>();

/** A frozen value's text as UTF-8 bytes of its own, kept with it. */
function keepBytes(value: object, text: string): Buffer {
  // Its own memory, not a slice of Buffer's shared pool that it would keep alive.
  const kept = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
  kept.write(text);
  encoded.set(value, kept);
  return kept;
}

/**
 * {@link toJson}'s text as UTF-8 bytes, what an answer's body is written as. A frozen value
 * answered again keeps its bytes, so a repeated answer is neither serialised, measured nor
 * encoded again. An answer seen once, such as a new offer benchmark, is written in pieces: its
 * own members' text, and the kept bytes of the frozen parts it shares with earlier answers (the
 * market estimate inside a benchmark), copied rather than serialised and encoded again.
 *
 * @example
 * res.setHeader('Content-Length', toJsonBytes(estimate).length); // from the second time on, no encoding
 */
export function toJsonBytes(value: unknown): Buffer {
  if (typeof value !== 'object' || value === null || !Object.isFrozen(value)) return Buffer.from(toJson(value));
  const bytes = encoded.get(value);
  if (bytes !== undefined) return bytes;
  let text = texts.get(value);
  if (text === undefined && answered.has(value)) text = toJson(value);
  if (text !== undefined) return text.length >= KEEP_FROM_LENGTH ? keepBytes(value, text) : Buffer.from(text);
  const written = writePieces(value);
  if (written.length >= KEEP_FROM_LENGTH) answered.add(value);
  return written;
}

/** What {@link writePieces} collects: text, and kept bytes. */
class Pieces {
  readonly parts: (string | Buffer)[] = [];
  text = '';
  hasBytes = false;
  add(text: string): void {
    this.text += text;
  }
  addPiece(piece: string | Buffer): void {
    if (typeof piece === 'string') {
      this.text += piece;
      return;
    }
    if (this.text !== '') this.parts.push(this.text);
    this.text = '';
    this.parts.push(piece);
    this.hasBytes = true;
  }
  toBuffer(): Buffer {
    if (!this.hasBytes) return Buffer.from(this.text);
    if (this.text !== '') this.parts.push(this.text);
    let length = 0;
    for (const part of this.parts) length += typeof part === 'string' ? Buffer.byteLength(part) : part.length;
    const out = Buffer.allocUnsafe(length);
    let at = 0;
    for (const part of this.parts) at += typeof part === 'string' ? out.write(part, at) : part.copy(out, at);
    return out;
  }
}

/**
 * A frozen value's JSON as bytes: the kept bytes of its frozen parts (see {@link piece}) copied in,
 * and its other members written by one `JSON.stringify` per run of members between two kept parts.
 */
function writePieces(value: object): Buffer {
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return Buffer.from(JSON.stringify(value));
  const out = new Pieces();
  if (Array.isArray(value)) {
    out.add('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.add(',');
      out.addPiece(piece(value[i]) ?? 'null');
    }
    out.add(']');
    return out.toBuffer();
  }
  out.add('{');
  let first = true;
  // Members JSON.stringify can write at once: primitives, values not frozen (no kept part can be
  // reused inside them) and frozen records of primitives. Keys come in Object.keys' order, which
  // the run keeps; a member named __proto__ is defined as one (an assignment would set the
  // prototype). A plain object: one with a null prototype is a dictionary, much slower to write.
  let run: Record<string, unknown> | undefined;
  const flush = () => {
    if (run === undefined) return;
    const text = JSON.stringify(run);
    run = undefined;
    if (text.length <= 2) return; // '{}': every member left out
    out.add(first ? text.slice(1, -1) : `,${text.slice(1, -1)}`);
    first = false;
  };
  for (const key of Object.keys(value)) {
    const member = (value as Record<string, unknown>)[key];
    if (typeof member !== 'object' || member === null || !Object.isFrozen(member) || isFlatRecord(member)) {
      run ??= {};
      if (key === '__proto__') Object.defineProperty(run, key, { value: member, enumerable: true });
      else run[key] = member;
      continue;
    }
    flush();
    const kept = piece(member);
    if (kept === undefined) continue;
    out.add(`${first ? '' : ','}${JSON.stringify(key)}:`);
    out.addPiece(kept);
    first = false;
  }
  flush();
  out.add('}');
  return out.toBuffer();
}

/** A plain record whose members are all primitives, with no kept text (nothing to reuse inside). */
function isFlatRecord(value: object): boolean {
  if (Array.isArray(value) || texts.has(value)) return false;
  for (const key in value) {
    const member = (value as Record<string, unknown>)[key];
    if (typeof member === 'object' && member !== null) return false;
  }
  return true;
}

/**
 * One member or element: the kept bytes of a frozen part that has them (or whose text was kept:
 * its bytes are kept from now on), else its text; undefined where JSON.stringify leaves it out.
 */
function piece(value: unknown): string | Buffer | undefined {
  if (typeof value === 'object' && value !== null && Object.isFrozen(value)) {
    const bytes = encoded.get(value);
    if (bytes !== undefined) return bytes;
    const text = texts.get(value);
    if (text !== undefined) return keepBytes(value, text);
  }
  return part(value);
}

/** One member or element: undefined where JSON.stringify leaves it out (undefined, functions, symbols). */
function part(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null ? toJson(value) : (JSON.stringify(value) as string | undefined);
}

function stringifyFrozen(value: object): string {
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += `${i === 0 ? '' : ','}${part(value[i]) ?? 'null'}`;
    return `${out}]`;
  }
  let out = '{';
  let first = true;
  for (const key of Object.keys(value)) {
    const text = part((value as Record<string, unknown>)[key]);
    if (text === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${text}`;
    first = false;
  }
  return `${out}}`;
}
