import type { ILogger, LogLevel } from '@microsoft/teams.common';
import type { Logger } from '../../../src/ports/logger.js';

const MAX_MESSAGE = 300;

/**
 * The Teams SDK logs through this. It keeps the SDK's message text and an error's name and
 * message, and drops every other argument: the SDK passes whole activities at debug level, and a
 * credentials dialog's activity carries the secrets typed into it.
 */
export function sdkLogger(logger: Logger, name = 'teams-sdk'): ILogger {
  const write = (level: LogLevel, args: unknown[]): void => {
    const message = args.find((arg): arg is string => typeof arg === 'string') ?? 'teams sdk event';
    const error = args.find((arg): arg is Error => arg instanceof Error);
    const fields: Record<string, unknown> = { component: name };
    if (error !== undefined) fields.error = `${error.name}: ${error.message}`.slice(0, MAX_MESSAGE);
    const text = message.slice(0, MAX_MESSAGE);
    if (level === 'error') logger.error(fields, text);
    else if (level === 'warn') logger.warn(fields, text);
    else if (level === 'info') logger.info(fields, text);
    else logger.debug(fields, text);
  };
  return {
    debug: (...args: unknown[]) => write('debug', args),
    info: (...args: unknown[]) => write('info', args),
    warn: (...args: unknown[]) => write('warn', args),
    error: (...args: unknown[]) => write('error', args),
    trace: (...args: unknown[]) => write('trace', args),
    log: (level: LogLevel, ...args: unknown[]) => write(level, args),
    child: (child: string) => sdkLogger(logger, `${name}/${child}`),
  };
}
