import { describe, expect, it } from 'vitest';
import { looksLikeKey, looksLikeSecret } from '../../../../adapters/chat/shared/secret-text.js';

describe('looksLikeSecret', () => {
  it.each([
    // ConnectWise public and private keys are 16 characters; Slack's old check wanted 32.
    'XyPk2Lm9Qr4St6Vb',
    'a8Fk3LqZ0pW7nB2x',
    // An Autotask integration code: 27 upper-case letters and digits.
    'HUCXSL3FKC5P4OZ2JXTTOO5MMPE',
    // 20 and 26 characters, mixed.
    'q7RbZ2kP9wX4mN8vT3yL',
    'Zk3Jd93kfLq0aPz7Wm2Xc8Vb5N',
    // Long opaque words however regular, and known shapes.
    'abcdefghijklmnopqrstuvwxyz012345',
    'xoxb-1234-5678-abcdef',
    'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
    'AKIAABCDEFGHIJKLMNOP',
    'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sig',
    'privateKey=hunter2',
    'password: hunter2',
  ])('refuses %s', (word) => {
    expect(looksLikeSecret(`import connectwise ${word}`)).toBe(true);
  });

  it.each([
    'type=Client,Prospect status="Active Client"',
    'Acme2024Holdings',
    'Contoso Ltd 2019',
    'alice.smith2024@example.com',
    'Smith & Sons, LLC',
    '0f8fa1c2-1b2c-4d5e-8f90-1234567890ab',
    'Internationalisation',
    'B2B2C Partners',
  ])('lets %s through', (text) => {
    expect(looksLikeSecret(text)).toBe(false);
  });

  it('splits a line into words, values after = included', () => {
    expect(looksLikeKey('short1A')).toBe(false);
    expect(looksLikeKey('Acme2024Holdings')).toBe(false);
    expect(looksLikeSecret('type=XyPk2Lm9Qr4St6Vb')).toBe(true);
  });
});
