import { dirname, join, resolve } from 'node:path';
import type { AppConfig } from './config/load.js';

/** The folder beside the SQLite file (./data by default): logs, exports and the key file live there. */
export function dataDir(config: AppConfig, cwd: string): string {
  const { database } = config.core;
  if (database.dialect === 'sqlite' && database.path !== ':memory:') return dirname(database.path);
  return resolve(cwd, 'data');
}

export function defaultLogFile(config: AppConfig, cwd: string): string {
  return join(dataDir(config, cwd), 'psa-import.log');
}
