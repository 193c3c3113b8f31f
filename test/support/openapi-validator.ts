import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { OPENAPI_DOCUMENT } from '../../adapters/api/openapi.js';

/**
 * Checks a real answer against the response schema the OpenAPI document gives for it, so the
 * document cannot drift from what the API sends.
 */
export function openApiValidator(): (path: string, status: number, body: unknown) => string[] {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema({ $id: 'openapi', ...OPENAPI_DOCUMENT });
  return (path, status, body) => {
    const paths = OPENAPI_DOCUMENT.paths as unknown as Record<
      string,
      { get: { responses: Record<string, { content: { 'application/json': { schema: object } } }> } }
    >;
    const response = paths[path]?.get.responses[String(status)];
    if (response === undefined) return [`no ${status} response documented for ${path}`];
    const validate = ajv.compile({
      $ref: `openapi#/paths/${path.replace(/~/g, '~0').replace(/\//g, '~1')}/get/responses/${status}/content/application~1json/schema`,
    });
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  };
}
