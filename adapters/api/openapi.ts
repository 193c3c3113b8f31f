import { DIRECTORY_EVENT_TYPES } from '../../src/domain/directory-events.js';
import { PROVIDERS } from '../../src/domain/provider.js';

const isoDate = { type: 'string', format: 'date-time' } as const;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const page = (item: string) => ({
  type: 'object',
  required: ['data', 'nextCursor'],
  additionalProperties: false,
  properties: { data: { type: 'array', items: ref(item) }, nextCursor: { type: ['string', 'null'] } },
});
const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const errors = {
  '401': { description: 'Missing, unknown or revoked token', ...json(ref('Error')) },
  '429': {
    description: 'Too many requests for this token',
    headers: { 'Retry-After': { schema: { type: 'integer' } } },
    ...json(ref('Error')),
  },
  '500': {
    description: 'A stored record could not be read (code stored_data_invalid), or another server fault',
    ...json(ref('Error')),
  },
};
const paging = [
  { name: 'cursor', in: 'query', schema: { type: 'string' } },
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
];

/** The read API, served at /api/v1/openapi.json and checked against real answers in the tests. */
export const OPENAPI_DOCUMENT = {
  openapi: '3.1.0',
  info: {
    title: 'psa-import-bot directory API',
    version: '1.0.0',
    description: 'Read-only: managed companies and users with their PSA links, imports, changes.',
  },
  servers: [{ url: '/api/v1' }],
  security: [{ bearer: [] }],
  paths: {
    '/companies': {
      get: {
        summary: 'Managed companies, by id',
        parameters: paging,
        responses: { '200': { description: 'A page', ...json(page('Company')) }, ...errors },
      },
    },
    '/companies/{id}/users': {
      get: {
        summary: "A company's users, by id",
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }, ...paging],
        responses: {
          '200': { description: 'A page', ...json(page('User')) },
          '404': { description: 'No such company in this tenant', ...json(ref('Error')) },
          ...errors,
        },
      },
    },
    '/users': {
      get: {
        summary: 'Users by email (case-insensitive)',
        parameters: [{ name: 'email', in: 'query', required: true, schema: { type: 'string' } }],
        responses: {
          '200': { description: 'Matches', ...json(page('User')) },
          '400': { description: 'No email given', ...json(ref('Error')) },
          ...errors,
        },
      },
    },
    '/imports': {
      get: {
        summary: 'Imports, newest first',
        parameters: paging,
        responses: { '200': { description: 'A page', ...json(page('Import')) }, ...errors },
      },
    },
    '/changes': {
      get: {
        summary: 'Events after a cursor, oldest first; poll again with nextCursor',
        parameters: [
          { name: 'since', in: 'query', schema: { type: 'string', pattern: '^[0-9]+$' } },
          paging[1],
        ],
        responses: { '200': { description: 'A page', ...json(page('Change')) }, ...errors },
      },
    },
  },
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    schemas: {
      Error: {
        type: 'object',
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            required: ['code', 'message'],
            properties: { code: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
      PsaLink: {
        type: 'object',
        required: ['provider', 'psaId', 'lastImportedAt'],
        additionalProperties: false,
        properties: {
          provider: { type: 'string', enum: [...PROVIDERS] },
          psaId: { type: 'integer' },
          lastImportedAt: isoDate,
        },
      },
      Company: {
        type: 'object',
        required: ['id', 'name', 'createdAt', 'psaLinks'],
        additionalProperties: false,
        properties: {
          id: { type: 'string' },
          name: { type: 'string' },
          createdAt: isoDate,
          psaLinks: { type: 'array', items: ref('PsaLink') },
        },
      },
      User: {
        type: 'object',
        required: ['id', 'companyId', 'email', 'displayName', 'psaLinks'],
        additionalProperties: false,
        properties: {
          id: { type: 'string' },
          companyId: { type: 'string' },
          email: { type: 'string' },
          displayName: { type: 'string' },
          psaLinks: { type: 'array', items: ref('PsaLink') },
        },
      },
      Import: {
        type: 'object',
        required: [
          'id',
          'provider',
          'status',
          'requesterName',
          'approverName',
          'createdAt',
          'updatedAt',
          'result',
        ],
        additionalProperties: false,
        properties: {
          id: { type: 'string' },
          provider: { type: 'string' },
          status: { type: 'string' },
          requesterName: { type: 'string' },
          approverName: { type: ['string', 'null'] },
          createdAt: isoDate,
          updatedAt: isoDate,
          result: { oneOf: [{ type: 'null' }, ref('ImportResult')] },
        },
      },
      ImportResult: {
        type: 'object',
        required: ['companiesCreated', 'companiesMapped', 'usersImported', 'usersMapped', 'errors'],
        properties: {
          companiesCreated: { type: 'integer' },
          companiesMapped: { type: 'integer' },
          companiesUnmapped: { type: 'integer' },
          companiesKept: { type: 'integer' },
          usersImported: { type: 'integer' },
          usersMapped: { type: 'integer' },
          usersKept: { type: 'integer' },
          errors: {
            type: 'array',
            items: {
              type: 'object',
              required: ['subject', 'message'],
              properties: { subject: { type: 'string' }, message: { type: 'string' } },
            },
          },
        },
      },
      Change: {
        type: 'object',
        required: ['seq', 'id', 'type', 'timestamp', 'data'],
        additionalProperties: false,
        properties: {
          seq: { type: 'string', pattern: '^[0-9]+$' },
          id: { type: 'string' },
          type: { type: 'string', enum: [...DIRECTORY_EVENT_TYPES] },
          timestamp: isoDate,
          data: { type: 'object', required: ['runId', 'provider'] },
        },
      },
    },
  },
} as const;
