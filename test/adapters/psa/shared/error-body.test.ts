import { describe, expect, it } from 'vitest';
import { parseErrorBody } from '../../../../adapters/psa/shared/error-body.js';

describe('parseErrorBody', () => {
  it('reads the ConnectWise shape', () => {
    const body = parseErrorBody(
      '{"code":"InvalidObject","message":"Company object is invalid","errors":[{"code":"X","message":"name required"}]}',
    );
    expect(body).toEqual({
      code: 'InvalidObject',
      messages: ['Company object is invalid', 'name required'],
      kind: 'json',
    });
  });

  it('reads the Autotask shapes', () => {
    expect(parseErrorBody('{"errors":["IntegrationCode is invalid."]}').messages).toEqual([
      'IntegrationCode is invalid.',
    ]);
    expect(parseErrorBody('{"Message":"Zone information could not be determined"}').messages).toEqual([
      'Zone information could not be determined',
    ]);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['<html><body>Server Error</body></html>', 'html'],
    ['Bad Gateway', 'text'],
  ])('classifies %j as %s', (text, kind) => {
    expect(parseErrorBody(text).kind).toBe(kind);
  });
});
