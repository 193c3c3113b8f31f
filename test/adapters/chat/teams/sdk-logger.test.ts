import { describe, expect, it } from 'vitest';
import { sdkLogger } from '../../../../adapters/chat/teams/sdk-logger.js';
import { type RecordedLog, recordingLogger } from '../../../support/teams-harness.js';

describe('the Teams SDK’s log lines', () => {
  it('keep the message and an error’s text, and never the activity the SDK passes along', () => {
    const lines: RecordedLog[] = [];
    const logger = sdkLogger(recordingLogger(lines)).child('HttpServer');
    const activity = { value: { data: { 'credential.privateKey': 'CANARY-private-key' } } };
    logger.debug('Handling activity', activity);
    logger.error('JWT validation failed', new Error('jwt expired'));
    logger.log('warn', 'careful', { token: 'CANARY-token' });
    expect(lines).toEqual([
      { level: 'debug', message: 'Handling activity', fields: { component: 'teams-sdk/HttpServer' } },
      {
        level: 'error',
        message: 'JWT validation failed',
        fields: { component: 'teams-sdk/HttpServer', error: 'Error: jwt expired' },
      },
      { level: 'warn', message: 'careful', fields: { component: 'teams-sdk/HttpServer' } },
    ]);
    expect(JSON.stringify(lines)).not.toContain('CANARY');
  });
});
