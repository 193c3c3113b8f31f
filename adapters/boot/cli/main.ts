import { isAppError } from '../../../src/domain/errors.js';
import { messageFor } from '../../chat/shared/error-messages.js';
import { EncryptionKeyError } from '../../crypto/encryption-key.js';
import { type AppLogger, createLogger, type LogDestination } from '../../log/create-logger.js';
import { DatabaseUnavailableError } from '../../storage/database-failure.js';
import { MigrationError } from '../../storage/migrator.js';
import {
  type AppConfig,
  ConfigError,
  hasChatCredentials,
  loadConfig,
  usesSandboxPsa,
} from '../config/load.js';
import { defaultLogFile } from '../data-dir.js';
import type { SandboxTuning } from '../sandbox-psas.js';
import { runServerMode } from '../server-mode.js';
import { runTerminalMode, type TerminalStreams } from '../terminal-mode.js';
import { type CliCommand, CliUsageError, parseArgs, USAGE } from './args.js';
import { CsvError } from './csv.js';
import { runCompaniesImport, runConnect, runDiff, runMigrate } from './one-shot.js';

export interface CliIo extends TerminalStreams {
  readonly stderr: NodeJS.WritableStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Aborted on SIGINT/SIGTERM by the bin; ends the chat or the server gracefully. */
  readonly signal: AbortSignal;
  /** Tests only: sandbox ports and canary credentials. */
  readonly sandboxTuning?: SandboxTuning;
}

type Mode = 'server' | 'terminal' | 'one-shot';

function modeOf(command: CliCommand, config: AppConfig): Mode {
  if (command.kind === 'shell') return 'terminal';
  if (command.kind === 'start') return hasChatCredentials(config) ? 'server' : 'terminal';
  return 'one-shot';
}

/**
 * Where logs go (README: "Logs"): servers write JSON lines to stdout; the terminal chat writes to a
 * file so log lines never land in the conversation; one-shot commands keep stdout for their output
 * (a diff may be piped) and log to stderr. LOG_FILE overrides all three.
 */
function logDestination(
  mode: Mode,
  config: AppConfig,
  cwd: string,
): { destination: LogDestination; file: string | null } {
  const file = config.core.logFile ?? (mode === 'terminal' ? defaultLogFile(config, cwd) : null);
  if (file !== null) return { destination: { kind: 'file', path: file }, file };
  return { destination: { kind: mode === 'server' ? 'stdout' : 'stderr' }, file: null };
}

/** Our words for a failure at the edge: never a stack trace, never a secret. */
function describeFailure(error: unknown): { text: string; code: number } {
  if (error instanceof ConfigError) return { text: error.message, code: 2 };
  if (error instanceof CliUsageError) return { text: `${error.message}\n`, code: 2 };
  if (error instanceof EncryptionKeyError) return { text: error.message, code: 2 };
  if (error instanceof CsvError) return { text: `The CSV file could not be read: ${error.message}`, code: 1 };
  if (error instanceof DatabaseUnavailableError) return { text: error.message, code: 1 };
  if (error instanceof MigrationError) return { text: `${error.message}; see the log for details`, code: 1 };
  if (isAppError(error)) {
    const message = messageFor(error.code, error.details);
    return { text: `${message.text}\n${message.nextStep}`, code: 1 };
  }
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return { text: 'File not found', code: 1 };
  if (code === 'EACCES') return { text: 'Permission denied', code: 1 };
  return { text: `${messageFor('internal').text}. ${messageFor('internal').nextStep}`, code: 1 };
}

async function run(
  command: CliCommand,
  config: AppConfig,
  logger: AppLogger,
  logFile: string | null,
  io: CliIo,
): Promise<number> {
  const sandbox = usesSandboxPsa(config);
  const tuning = io.sandboxTuning === undefined ? {} : { sandboxTuning: io.sandboxTuning };
  const context = {
    config,
    logger,
    stdin: io.stdin,
    print: (text: string) => {
      io.stdout.write(text);
    },
    warn: (text: string) => {
      io.stderr.write(text);
    },
    cwd: io.cwd,
    sandbox,
    ...tuning,
  };
  switch (command.kind) {
    case 'help':
      io.stdout.write(`${USAGE}\n`);
      return 0;
    case 'start':
    case 'shell':
      if (modeOf(command, config) === 'server') {
        return runServerMode({ config, logger, sandbox: config.core.sandboxPsa === 'on', signal: io.signal });
      }
      return runTerminalMode({
        config,
        logger,
        logFile: logFile ?? defaultLogFile(config, io.cwd),
        streams: io,
        cwd: io.cwd,
        sandbox,
        ...tuning,
        actAs: command.kind === 'shell' ? command.actAs : null,
        signal: io.signal,
      });
    case 'migrate':
      return runMigrate(context);
    case 'diff':
      return runDiff(context, command);
    case 'connect':
      return runConnect(context, command);
    case 'companies-import':
      return runCompaniesImport(context, command);
  }
}

/** The `psa-import` command line. Returns the exit code; only the bin calls process.exit. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let logger: AppLogger | null = null;
  try {
    const command = parseArgs(argv);
    if (command.kind === 'help') {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const config = loadConfig(io.env, io.cwd);
    const { destination, file } = logDestination(modeOf(command, config), config, io.cwd);
    logger = createLogger({ level: config.core.logLevel, destination, base: { service: 'psa-import' } });
    return await run(command, config, logger, file, io);
  } catch (error) {
    const failure = describeFailure(error);
    if (error instanceof DatabaseUnavailableError) {
      // The driver's error (codes, addresses; never the URL) is what an operator needs here.
      logger?.error({ err: error.cause, cause: error.kind }, 'the database could not be opened');
    } else {
      // The stack only at debug level, and only in the log: it may quote paths and internals.
      logger?.error({ errorName: (error as Error | null)?.name ?? 'unknown' }, 'command failed');
      logger?.debug({ err: error }, 'command failed (details)');
    }
    io.stderr.write(`${failure.text.trimEnd()}\n`);
    return failure.code;
  } finally {
    logger?.flush();
  }
}
