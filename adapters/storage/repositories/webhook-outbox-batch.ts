import { z } from 'zod';
import {
  DIRECTORY_EVENT_TYPES,
  type DirectoryEvent,
  PING_EVENT_TYPE,
} from '../../../src/domain/directory-events.js';
import { storedJson } from './row-schemas.js';

/**
 * One outbox row carries up to this many events of one tenant and run: the apply's cost is in
 * rows and index entries, not in bytes, so batching keeps the outbox within a fifth of the apply.
 */
export const EVENTS_PER_BATCH = 1000;

/**
 * An event's public seq (the changes cursor) is its batch's seq times this plus its index, so it
 * stays one increasing integer. Must exceed EVENTS_PER_BATCH - 1; never lower it.
 */
const SEQ_FACTOR = 1000;

export function publicSeq(batchSeq: number, index: number): number {
  return batchSeq * SEQ_FACTOR + index;
}

/** The batch and the index of a public seq. */
export function splitSeq(seq: number): { batchSeq: number; index: number } {
  return { batchSeq: Math.floor(seq / SEQ_FACTOR), index: seq % SEQ_FACTOR };
}

/** The body every attempt sends, serialized the same way each time so each retry signs the same bytes. */
export function eventBody(event: DirectoryEvent): string {
  return JSON.stringify({ type: event.type, timestamp: event.timestamp, data: event.data });
}

/**
 * A batch as stored: `{"t": timestamp, "e": [[id, type, data], …]}`, every event of it sharing the
 * timestamp (the outbox splits batches where it changes). Arrays instead of objects keep the row
 * small and quick to write, which is the apply's cost. Rows carried over by migration 0007 are
 * arrays of whole events; both read back the same.
 */
export function encodeBatch(events: readonly DirectoryEvent[]): string {
  const first = events[0];
  if (first === undefined) return '{"t":"","e":[]}';
  const body = events.map((e) => [e.id, e.type, e.data]);
  return JSON.stringify({ t: first.timestamp, e: body });
}

const eventType = z.union([z.enum(DIRECTORY_EVENT_TYPES), z.literal(PING_EVENT_TYPE)]);
const eventData = z.record(z.string(), z.unknown());

const wholeEvents = z.array(
  z.object({ id: z.string(), type: eventType, timestamp: z.string(), data: eventData }),
);

const packedBatch = z.object({ t: z.string(), e: z.array(z.tuple([z.string(), eventType, eventData])) });

const storedBatch: z.ZodType<DirectoryEvent[]> = z.union([
  wholeEvents,
  packedBatch.transform(({ t, e }) => e.map(([id, type, data]) => ({ id, type, timestamp: t, data }))),
]);

/** A stored batch's events; a damaged one is refused with `stored_data_invalid` naming the batch. */
export function decodeBatch(text: string, seq: number | string): DirectoryEvent[] {
  return storedJson(storedBatch, text, `webhook outbox batch ${seq}`, 'events');
}
