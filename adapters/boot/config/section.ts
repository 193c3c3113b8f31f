import { z } from 'zod';

/**
 * Shared plumbing for the configuration sections (core, slack, teams). Each section owns its zod
 * object and returns either its value or the list of what is wrong with it, so `load.ts` can report
 * every bad variable of every section in one error.
 */
export type Env = Readonly<Record<string, string | undefined>>;

export interface ConfigIssue {
  /** The environment variable, e.g. `PORT`. */
  readonly variable: string;
  /** What is wrong, in our words; never the value (it may be a secret). */
  readonly problem: string;
}

export type SectionResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

/** Blank variables count as unset: `.env` files and CI often export `NAME=`. */
export function readVariable(env: Env, name: string): string | undefined {
  const value = env[name];
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** The named variables with blanks removed, ready for a section's zod object. */
export function pickVariables(env: Env, names: readonly string[]): Record<string, string | undefined> {
  const picked: Record<string, string | undefined> = {};
  for (const name of names) picked[name] = readVariable(env, name);
  return picked;
}

/**
 * Turns zod's issues into ours. Only our own messages survive: a schema must give every check a
 * message (zod's defaults are replaced by a generic one) so no value is ever echoed.
 */
export function issuesFrom(error: z.ZodError): ConfigIssue[] {
  return error.issues.map((issue) => ({
    variable: String(issue.path[0] ?? 'configuration'),
    problem: issue.message.startsWith('Invalid input') ? 'has an invalid value' : issue.message,
  }));
}

export function parseSection<S extends z.ZodType>(
  schema: S,
  input: Record<string, string | undefined>,
): SectionResult<z.output<S>> {
  const parsed = schema.safeParse(input);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, issues: issuesFrom(parsed.error) };
}

/** A whole number in a range, read from text. */
export function integerVariable(min: number, max: number, message: string) {
  return z
    .string()
    .regex(/^\d+$/, { error: message })
    .transform(Number)
    .refine((value) => value >= min && value <= max, { error: message });
}

/** A positive decimal number (e.g. minutes), read from text. */
export function positiveNumberVariable(max: number, message: string) {
  return z
    .string()
    .regex(/^\d+(\.\d+)?$/, { error: message })
    .transform(Number)
    .refine((value) => value > 0 && value <= max, { error: message });
}

const TRUE_WORDS = ['on', 'true', '1', 'yes'];
const FALSE_WORDS = ['off', 'false', '0', 'no'];

/** on/off switches; true/false, 1/0 and yes/no are accepted too. */
export function switchVariable(name: string) {
  return z
    .string()
    .refine((value) => [...TRUE_WORDS, ...FALSE_WORDS].includes(value.toLowerCase()), {
      error: `${name} must be on or off`,
    })
    .transform((value) => TRUE_WORDS.includes(value.toLowerCase()));
}

/** An http(s) URL. */
export function urlVariable(message: string) {
  return z.string().refine(
    (value) => {
      try {
        const url = new URL(value);
        return url.protocol === 'http:' || url.protocol === 'https:';
      } catch {
        return false;
      }
    },
    { error: message },
  );
}
