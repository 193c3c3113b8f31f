import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };

/**
 * Validates Adaptive Cards the way Teams will take them: the official Adaptive Cards 1.5 schema
 * (JSON Schema draft-06, copied from ../shared/schemas into test/fixtures so CI needs only this
 * repository) plus the rules Teams adds.
 *
 * Teams extends 1.5 with dynamic typeahead for `Input.ChoiceSet` (`style: "filtered"` and
 * `choices.data` of type `Data.Query`), which the 1.5 schema predates. Exactly that extension is
 * added here, strictly typed; every other unknown property still fails.
 */

export const MAX_REFRESH_USER_IDS = 60;
/** Teams rejects messages over about 28 KB; a card must leave room for the activity around it. */
export const MAX_CARD_BYTES = 28 * 1024;

const SCHEMA_PATH = new URL('../fixtures/schemas/adaptive-card-1.5.json', import.meta.url);

type JsonObject = Record<string, unknown>;

function object(value: unknown): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error('schema shape changed');
  return value as JsonObject;
}

function withTeamsExtensions(schema: JsonObject): JsonObject {
  const copy = structuredClone(schema);
  delete copy.id;
  const definitions = object(copy.definitions);
  definitions['Data.Query'] = {
    type: 'object',
    additionalProperties: false,
    required: ['type', 'dataset'],
    properties: {
      type: { enum: ['Data.Query'] },
      dataset: { type: 'string', minLength: 1 },
      count: { type: 'integer', minimum: 1 },
      skip: { type: 'integer', minimum: 0 },
    },
  };
  const choiceSet = object(definitions['Input.ChoiceSet']);
  object(choiceSet.properties)['choices.data'] = { $ref: '#/definitions/Data.Query' };
  const style = object(definitions.ChoiceInputStyle);
  style.anyOf = [...(style.anyOf as unknown[]), { enum: ['filtered'] }];
  return copy;
}

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (compiled !== undefined) return compiled;
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  ajv.addMetaSchema(draft06);
  const schema = withTeamsExtensions(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as JsonObject);
  compiled = ajv.compile(schema);
  return compiled;
}

function versionNumber(version: unknown): number | null {
  if (typeof version !== 'string' || !/^\d+\.\d+$/.test(version)) return null;
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major * 1000 + minor;
}

/** Every problem with the card; empty when Teams will render it. */
export function adaptiveCardProblems(card: unknown): string[] {
  const validate = validator();
  const problems: string[] = [];
  if (!validate(card)) {
    for (const error of validate.errors ?? [])
      problems.push(`${error.instancePath || '/'} ${error.message ?? ''}`);
  }
  const top = typeof card === 'object' && card !== null ? (card as JsonObject) : {};
  const version = versionNumber(top.version);
  if (version === null) problems.push('/version missing or malformed');
  else if (version > 1005)
    problems.push(`/version ${String(top.version)} is newer than 1.5, which Teams renders`);
  const refresh = top.refresh as JsonObject | undefined;
  const userIds = refresh?.userIds;
  if (Array.isArray(userIds) && userIds.length > MAX_REFRESH_USER_IDS) {
    problems.push(`/refresh/userIds has ${userIds.length} entries; Teams allows ${MAX_REFRESH_USER_IDS}`);
  }
  const bytes = Buffer.byteLength(JSON.stringify(card), 'utf8');
  if (bytes > MAX_CARD_BYTES) problems.push(`card is ${bytes} bytes; Teams allows about ${MAX_CARD_BYTES}`);
  return problems;
}

/** Throws with every problem listed; for tests that check many cards. */
export function assertValidAdaptiveCard(card: unknown, where = 'card'): void {
  const problems = adaptiveCardProblems(card);
  if (problems.length > 0)
    throw new Error(`${where} is not a valid Teams Adaptive Card 1.5:\n  ${problems.join('\n  ')}`);
}
