import { randomBytes } from 'node:crypto';
import type { Clock } from '../../src/ports/clock.js';
import type { IdGenerator } from '../../src/ports/ids.js';

export const systemClock: Clock = { now: () => new Date() };

/** 96 random bits as 16 URL-safe characters: short enough to read in a chat, never guessable. */
export const randomIds: IdGenerator = { next: () => randomBytes(12).toString('base64url') };
