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

/**
 * {@link toJson}'s text as UTF-8 bytes, what an answer's body is written as. A frozen value
 * answered again (its text was kept the first time) keeps its bytes too, so a repeated answer is
 * neither measured nor encoded again; an answer seen once, such as a new offer benchmark, is
 * encoded as usual and its bytes are not kept.
 *
 * @example
 * res.setHeader('Content-Length', toJsonBytes(estimate).length); // from the second time on, no encoding
 */
export function toJsonBytes(value: unknown): Buffer {
  if (typeof value !== 'object' || value === null || !Object.isFrozen(value)) return Buffer.from(toJson(value));
  const bytes = encoded.get(value);
  if (bytes !== undefined) return bytes;
  const text = texts.get(value);
  if (text === undefined) return Buffer.from(toJson(value));
  // Its own memory, not a slice of Buffer's shared pool that it would keep alive.
  const kept = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
  kept.write(text);
  encoded.set(value, kept);
  return kept;
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
