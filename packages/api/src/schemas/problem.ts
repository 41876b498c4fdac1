import * as z from 'zod';

export const FieldProblemSchema = z
  .object({
    path: z.string().meta({ description: 'Dotted path of the offending field; empty for the input as a whole', example: 'offer.base' }),
    message: z.string().meta({ description: 'What is wrong with it', example: 'Too small: expected number to be >0' }),
  })
  .meta({ id: 'FieldProblem', description: 'One problem with one field of the request' });

export const ProblemSchema = z
  .object({
    type: z.string().meta({ description: 'URI identifying the kind of problem', example: 'urn:paylens:problem:invalid-input' }),
    title: z.string().meta({ description: 'Short summary of the kind of problem', example: 'Invalid input' }),
    status: z.number().int().min(400).max(599).meta({ description: 'HTTP status code', example: 400 }),
    detail: z
      .string()
      .meta({ description: 'What went wrong with this request', example: 'offer.base: Too small: expected number to be >0' }),
    instance: z.string().optional().meta({ description: 'Path of the request that failed', example: '/v1/offers/benchmark' }),
    requestId: z
      .string()
      .optional()
      .meta({ description: 'Request id, as in the X-Request-Id header', example: '3f1c2a9e-0d7b-4c1e-9a53-2b8f6d4e7c10' }),
    errors: z
      .array(FieldProblemSchema)
      .optional()
      .meta({
        description: 'Every offending field, for bad input',
        example: [{ path: 'offer.base', message: 'Too small: expected number to be >0' }],
      }),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details, served as application/problem+json' });
export type Problem = z.infer<typeof ProblemSchema>;
