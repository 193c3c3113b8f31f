import { describe, expect, it } from 'vitest';
import { parseCredentialsText } from '../../../../adapters/boot/cli/credentials-input.js';
import { AppError } from '../../../../src/domain/errors.js';
import { thrown } from '../../../support/thrown.js';

const CANARY = 'Canary-Secret-123';

function appError(text: string): AppError {
  return thrown(() => parseCredentialsText(text), AppError);
}

describe('credentials from stdin or a file', () => {
  it('reads a JSON object', () => {
    expect(parseCredentialsText(`{"site":" na.myconnectwise.net ","privateKey":"${CANARY}"}\n`)).toEqual({
      site: 'na.myconnectwise.net',
      privateKey: CANARY,
    });
  });

  it('reads key=value lines with comments, CRLF and = in values', () => {
    expect(
      parseCredentialsText(`# sandbox\r\nusername=api@msp.example\r\n\r\nsecret=${CANARY}=\r\n`),
    ).toEqual({
      username: 'api@msp.example',
      secret: `${CANARY}=`,
    });
  });

  it('asks for credentials when there are none', () => {
    expect(appError('  \n').code).toBe('credentials_required');
  });

  it('rejects malformed input without quoting it', () => {
    for (const text of [
      `{"privateKey": ${CANARY}}`,
      `privateKey ${CANARY}`,
      `{"privateKey": 5, "x": "${CANARY}"}`,
      `["${CANARY}"]`,
    ]) {
      const error = appError(text);
      expect(error.code).toBe('invalid_input');
      expect(JSON.stringify(error.details)).not.toContain(CANARY);
    }
  });
});
