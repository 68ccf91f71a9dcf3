import type { z } from 'zod';

/**
 * Turns zod issues into one line a device integrator can act on:
 * "amount: must be an integer number of fen; occurredAt: invalid ISO-8601 date-time".
 */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const path = issue.path.length ? issue.path.join('.') : '(payload)';
      return `${path}: ${issue.message}`;
    })
    .join('; ');
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Validates unknown input against a schema without throwing. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): Parsed<z.infer<S>> {
  const result = schema.safeParse(input);
  return result.success ? { ok: true, value: result.data } : { ok: false, reason: describeIssues(result.error) };
}
