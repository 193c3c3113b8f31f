import type { DirectoryEvent } from '../../../src/domain/directory-events.js';

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

export function encodeBatch(events: readonly DirectoryEvent[]): string {
  return JSON.stringify(
    events.map((e) => ({ id: e.id, type: e.type, timestamp: e.timestamp, data: e.data })),
  );
}

export function decodeBatch(text: string): DirectoryEvent[] {
  return JSON.parse(text) as DirectoryEvent[];
}
