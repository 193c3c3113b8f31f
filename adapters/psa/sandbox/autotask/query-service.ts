/**
 * `/query`, `/query/count` and `/query/next` for one entity. Pages follow id order; the paging
 * link remembers the method that started the query, so a GET on a POST-origin link answers 405
 * as Autotask does.
 */

import type { Prng } from '../connectwise/prng.js';
import { fieldNames, type SandboxEntity } from './entities.js';
import {
  countMatches,
  type FilterNode,
  parseFilter,
  projector,
  prop,
  QueryError,
  selectPage,
} from './query-engine.js';
import { RowIndex } from './row-index.js';
import { shuffle } from './shuffle.js';

export interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

type Row = SandboxEntity['rows'][number];

interface PagingState {
  readonly entity: string;
  /** The rows the query can match, in id order (all of them, or an index's candidates). */
  readonly rows: readonly Row[];
  readonly method: string;
  readonly nodes: readonly FilterNode[];
  readonly maxRecords: number;
  readonly includeFields: readonly string[];
  readonly afterId: number;
}

export const MAX_RECORDS = 500;

const fail = (message: string, status = 500): Answer => ({ status, body: { errors: [message] } });

export class QueryService {
  readonly #pages = new Map<string, PagingState>();
  readonly #indexes = new Map<string, RowIndex<Row>>();
  readonly #origin: () => string;
  readonly #scramble: Prng | null;
  #nextToken = 1;

  /** `scramble` shuffles each page's order, for clients that must not trust it. */
  constructor(origin: () => string, scramble: Prng | null) {
    this.#origin = origin;
    this.#scramble = scramble;
  }

  query(entity: SandboxEntity, method: string, input: unknown): Answer {
    return this.#guard(() => {
      const max = prop(input, 'maxRecords') ?? MAX_RECORDS;
      if (!Number.isInteger(max) || (max as number) < 1 || (max as number) > MAX_RECORDS) {
        throw new QueryError(`MaxRecords must be between 1 and ${MAX_RECORDS}.`);
      }
      const include = prop(input, 'includeFields') ?? [];
      if (!Array.isArray(include) || include.some((f) => typeof f !== 'string')) {
        throw new QueryError('IncludeFields must be an array of field names.');
      }
      const nodes = parseFilter(prop(input, 'filter'), fieldNames(entity));
      const rows = this.#index(entity).candidates(nodes) ?? entity.rows;
      const state = {
        entity: entity.name,
        rows,
        method,
        nodes,
        maxRecords: max as number,
        includeFields: include,
      };
      return this.#page(entity, { ...state, afterId: Number.NEGATIVE_INFINITY });
    });
  }

  count(entity: SandboxEntity, input: unknown): Answer {
    return this.#guard(() => {
      const nodes = parseFilter(prop(input, 'filter'), fieldNames(entity));
      const rows = this.#index(entity).candidates(nodes) ?? entity.rows;
      return { status: 200, body: { queryCount: countMatches(rows, nodes) } };
    });
  }

  next(entity: SandboxEntity, method: string, token: string | null): Answer {
    const state = token === null ? undefined : this.#pages.get(token);
    if (state === undefined || state.entity !== entity.name)
      return fail('The paging token is not valid.', 400);
    if (state.method === 'POST' && method !== 'POST') {
      return {
        status: 405,
        body: { Message: `The requested resource does not support http method '${method}'.` },
        headers: { allow: 'POST' },
      };
    }
    return this.#page(entity, state);
  }

  #page(entity: SandboxEntity, state: PagingState): Answer {
    const { page, hasMore } = selectPage(state.rows, state.nodes, state.afterId, state.maxRecords);
    let nextPageUrl: string | null = null;
    const last = page.at(-1);
    if (hasMore && last !== undefined) {
      const token = `p${this.#nextToken++}`;
      this.#pages.set(token, { ...state, afterId: last.id });
      nextPageUrl = `${this.#origin()}/ATServicesRest/V1.0/${entity.name}/query/next?paging=${token}`;
    }
    const items = page.map(projector(fieldNames(entity), state.includeFields));
    if (this.#scramble !== null) shuffle(this.#scramble, items);
    const pageDetails = {
      count: items.length,
      requestCount: state.maxRecords,
      prevPageUrl: null,
      nextPageUrl,
    };
    return { status: 200, body: { items, pageDetails } };
  }

  /** Built up front (see `prepare`) so no query pays for it. */
  #index(entity: SandboxEntity): RowIndex<Row> {
    let index = this.#indexes.get(entity.name);
    if (index === undefined) {
      index = new RowIndex(entity.rows, entity.indexed);
      this.#indexes.set(entity.name, index);
    }
    return index;
  }

  prepare(entities: Iterable<SandboxEntity>): void {
    for (const entity of entities) this.#index(entity);
  }

  #guard(run: () => Answer): Answer {
    try {
      return run();
    } catch (error) {
      if (error instanceof QueryError) return fail(error.message);
      throw error;
    }
  }
}
