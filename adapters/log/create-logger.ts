import { type DestinationStream, type Level, type LevelWithSilent, pino } from 'pino';
import type { Logger } from '../../src/ports/logger.js';
import { REDACTED, redactionPaths, scrubSecrets } from './redaction.js';

export type LogLevel = LevelWithSilent;

export type LogDestination =
  | { readonly kind: 'stdout' }
  | { readonly kind: 'stderr' }
  /** Appends to a file, creating its folder; what the terminal chat uses so logs never garble it. */
  | { readonly kind: 'file'; readonly path: string }
  /** Any writable stream (tests). */
  | { readonly kind: 'stream'; readonly stream: DestinationStream };

export interface LoggerOptions {
  readonly level: LogLevel;
  readonly destination: LogDestination;
  /** Fields on every line, e.g. `{ service: 'psa-import' }`. */
  readonly base?: Readonly<Record<string, unknown>>;
}

export interface AppLogger extends Logger {
  /** A logger whose lines all carry `fields` (e.g. a request id). */
  child(fields: Readonly<Record<string, unknown>>): AppLogger;
  /** Writes out anything buffered; call before the process exits. */
  flush(): void;
}

function wrap(instance: pino.Logger, flush: () => void): AppLogger {
  const at =
    (level: Level) =>
    (fields: Readonly<Record<string, unknown>>, message: string): void => {
      instance[level](fields as Record<string, unknown>, message);
    };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (fields) => wrap(instance.child(scrubSecrets(fields) as Record<string, unknown>), flush),
    flush,
  };
}

function openDestination(destination: LogDestination): DestinationStream {
  switch (destination.kind) {
    case 'stdout':
      return pino.destination({ dest: 1, sync: true });
    case 'stderr':
      return pino.destination({ dest: 2, sync: true });
    case 'file':
      // Synchronous writes: a crash or process.exit must not lose the lines that explain it.
      // 0600: the log names tenants, users and companies (the umask can only remove bits).
      return pino.destination({ dest: destination.path, mkdir: true, sync: true, mode: 0o600 });
    case 'stream':
      return destination.stream;
  }
}

/** The pino logger behind the Logger port, with secrets redacted twice over (see redaction.ts). */
export function createLogger(options: LoggerOptions): AppLogger {
  const stream = openDestination(options.destination);
  const instance = pino(
    {
      level: options.level,
      base: { ...(options.base ?? {}) },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: redactionPaths(), censor: REDACTED },
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => scrubSecrets(object) as Record<string, unknown>,
      },
    },
    stream,
  );
  const flush = (): void => {
    const flushable = stream as { flushSync?: () => void };
    try {
      flushable.flushSync?.();
    } catch {
      // Nothing buffered, or the stream is already closed: nothing left to lose.
    }
  };
  return wrap(instance, flush);
}

/** A logger that drops everything (tests, and commands that must print only their output). */
export function silentLogger(): AppLogger {
  const noop = (): void => {};
  const logger: AppLogger = {
    debug: noop,
    info: noop,
    warn: noop,
    error: noop,
    child: () => logger,
    flush: noop,
  };
  return logger;
}
