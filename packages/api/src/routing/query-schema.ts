import * as z from 'zod';

type Shape = Readonly<Record<string, z.ZodType>>;

const splitList = (value: unknown): unknown => {
  if (typeof value === 'string') value = [value];
  if (!Array.isArray(value)) return value;
  return value.flatMap((item) =>
    typeof item === 'string'
      ? item
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '')
      : [item],
  );
};

// A value that does not read as a number stays a string so the error says what was received.
const toNumber = (value: unknown): unknown => {
  if (typeof value !== 'string' || value.trim() === '') return value;
  const n = Number(value);
  return Number.isNaN(n) ? value : n;
};

const toBoolean = (value: unknown): unknown => (value === 'true' ? true : value === 'false' ? false : value);

function typeOf(schema: z.ZodType): string {
  let s = schema as z.ZodType & { def: { type: string; innerType?: z.ZodType } };
  while ((s.def.type === 'readonly' || s.def.type === 'optional') && s.def.innerType) s = s.def.innerType as typeof s;
  return s.def.type;
}

/**
 * Turns an object shape meant for JSON (numbers, arrays) into the query-string schema for the same
 * fields: `skills=dicom,hl7` (or repeated `skills=`) becomes an array and `yearsExperience=4` a
 * number, then the original field schema validates as usual. Descriptions and examples carry over,
 * and arrays are documented as comma-separated (`style: form, explode: false`). Built once, at
 * module load.
 *
 * @example
 * const EstimateQueryStringSchema = toQuerySchema(EstimateQuerySchema.shape);
 * EstimateQueryStringSchema.parse({ skills: 'dicom,hl7', yearsExperience: '4' });
 * // { skills: ['dicom', 'hl7'], yearsExperience: 4 }
 */
export function toQuerySchema<S extends Shape>(shape: S): z.ZodObject<{ [K in keyof S]: z.ZodType<z.output<S[K]>, unknown> }> {
  const fields: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(shape)) {
    let inner = field;
    let optional = false;
    let meta: Record<string, unknown> = {};
    for (;;) {
      meta = { ...z.globalRegistry.get(inner), ...meta };
      if (!(inner instanceof z.ZodOptional)) break;
      optional = true;
      inner = inner.unwrap() as z.ZodType;
    }
    const { id: _id, ...docs } = meta;
    const type = typeOf(inner);
    let converted: z.ZodType = inner;
    if (type === 'array') {
      converted = z.preprocess(splitList, inner);
      docs.param = { style: 'form', explode: false };
    } else if (type === 'number' || type === 'int') converted = z.preprocess(toNumber, inner);
    else if (type === 'boolean') converted = z.preprocess(toBoolean, inner);
    fields[key] = (optional ? converted.optional() : converted).meta(docs);
  }
  return z.strictObject(fields) as never;
}
