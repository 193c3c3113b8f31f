import { describe, expect, it } from 'vitest';
import { createPsaGateway } from '../../../adapters/psa/gateway.js';
import { AppError } from '../../../src/domain/errors.js';
import type { Provider } from '../../../src/domain/provider.js';
import { Secret } from '../../../src/domain/secret.js';

const gateway = createPsaGateway();
const valid = {
  site: ' na.myconnectwise.net ',
  companyId: 'acme',
  publicKey: 'pub',
  privateKey: 'priv',
  clientId: 'cid',
};

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return 'no error';
}

describe('createPsaGateway', () => {
  it('lists the ConnectWise credential fields with the private key hidden', () => {
    const fields = gateway.credentialFields('connectwise');
    expect(fields.map((f) => f.key)).toEqual([
      'site',
      'companyId',
      'publicKey',
      'privateKey',
      'clientId',
      'codebase',
    ]);
    expect(fields.filter((f) => f.secret).map((f) => f.key)).toEqual(['privateKey']);
    expect(fields.filter((f) => f.optional).map((f) => f.key)).toEqual(['codebase']);
  });

  it('opens a ConnectWise session without making a request', () => {
    const session = gateway.open('connectwise', new Secret(valid));
    expect(session.provider).toBe('connectwise');
    expect(session.requestCount()).toBe(0);
  });

  it.each([
    ['a missing field', { ...valid, clientId: undefined }],
    ['a blank field', { ...valid, privateKey: '  ' }],
    ['a non-string field', { ...valid, companyId: 42 }],
  ])('answers credentials_required for %s', (_label, values) => {
    expect(
      codeOf(() => gateway.open('connectwise', new Secret(values as unknown as Record<string, string>))),
    ).toBe('credentials_required');
  });

  it('answers unknown_provider for a provider with no module', () => {
    expect(codeOf(() => gateway.credentialFields('nope' as Provider))).toBe('unknown_provider');
  });
});
