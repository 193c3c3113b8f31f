import type { Kysely } from 'kysely';
import type { DirectoryEvent } from '../../../src/domain/directory-events.js';
import type { DamagedRecord } from '../../../src/ports/damaged-record.js';
import type { Database } from '../schema.js';
import { readEach } from './row-schemas.js';
import { decodeBatch } from './webhook-outbox-batch.js';

/** A batch read back for its claimed deliveries. */
interface LoadedBatch {
  readonly runId: string | null;
  readonly events: DirectoryEvent[];
}

/** The events of the given batches by batch seq; a damaged batch is left out and named. */
export async function eventsOf(
  db: Kysely<Database>,
  seqs: readonly number[],
): Promise<{ loaded: Map<number, LoadedBatch>; damaged: DamagedRecord[] }> {
  const loaded = new Map<number, LoadedBatch>();
  if (seqs.length === 0) return { loaded, damaged: [] };
  const rows = await db
    .selectFrom('webhook_outbox_batches')
    .select(['seq', 'run_id', 'events'])
    .where('seq', 'in', seqs)
    .execute();
  const read = readEach(
    'webhook_outbox_batches',
    rows,
    (row) => String(row.seq),
    (row) => ({ seq: Number(row.seq), runId: row.run_id, events: decodeBatch(row.events, row.seq) }),
  );
  for (const batch of read.records) loaded.set(batch.seq, batch);
  return { loaded, damaged: read.damaged };
}

/**
 * The claimed deliveries of damaged batches fail at once (their event cannot be sent as stored),
 * so they are not claimed again every round ahead of the others.
 */
export async function failDeliveriesOf(
  db: Kysely<Database>,
  owner: string,
  damaged: readonly DamagedRecord[],
  at: string,
): Promise<void> {
  if (damaged.length === 0) return;
  await db
    .updateTable('webhook_deliveries')
    .set({
      status: 'failed',
      last_attempt_at: at,
      last_error: 'the stored event is damaged',
      lease_owner: null,
      lease_until: null,
    })
    .where('lease_owner', '=', owner)
    .where('status', '=', 'pending')
    .where(
      'event_seq',
      'in',
      damaged.map((record) => Number(record.id)),
    )
    .execute();
}
