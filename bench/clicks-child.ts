import { clicksAt } from './clicks-bench.js';

/**
 * One scale of the clicks bench in a process of its own, so its peak RSS owes nothing to an
 * earlier scale's heap: `clicks-child.js <companies> <contacts per company>`, answering by IPC.
 */
async function main(): Promise<void> {
  const [companies, perCompany] = process.argv.slice(2).map(Number);
  if (companies === undefined || perCompany === undefined || process.send === undefined) {
    throw new Error('usage: fork clicks-child.js <companies> <contacts per company>');
  }
  const figures = await clicksAt(companies, perCompany);
  process.send(figures);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
