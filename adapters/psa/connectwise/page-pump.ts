/**
 * Hands out page numbers of a counted list to parallel readers as they come free: a pipeline,
 * not rounds, so every request slot is busy while the pages already read are being parsed.
 *
 *   const pump = createPagePump({ early: 2, pages: counting.then((count) => Math.ceil(count / 1000)) });
 *   await pump.run(8, readPage); // readPage(1), readPage(2) at once; 3.. once the count is known
 *
 * The first `early` pages go out before the count is known (alongside it, so its round trip is
 * not lost); past them a page is handed out only once `pages` has resolved, and never beyond it:
 * the count bounds the list. `pages` resolving to null ends the pump after the early pages (the
 * caller chose another way to read). On the first failure no new page starts; the readers still
 * running are awaited, then the first error is thrown.
 */

export interface PagePumpOptions {
  /** Pages handed out before `pages` is known. */
  readonly early: number;
  /** The list's last page by its count, or null to read no more than the early pages. */
  readonly pages: Promise<number | null>;
}

export interface PagePump {
  run(readers: number, read: (page: number) => Promise<void>): Promise<void>;
  /** True once every page has been handed out: the pages still being read are the list's last. */
  drained(): boolean;
}

export function createPagePump(options: PagePumpOptions): PagePump {
  let next = 1;
  let known: { last: number | null } | null = null;
  void options.pages.then(
    (last) => {
      known = { last };
    },
    () => {},
  );
  return {
    drained: () => known !== null && (known.last === null || next > known.last),
    async run(readers, read) {
      if (!(readers >= 1)) throw new RangeError('readers must be at least 1');
      let failure: { error: unknown } | null = null;
      const take = async (): Promise<number | null> => {
        if (failure !== null) return null;
        if (next <= options.early) return next++;
        const last = await options.pages;
        if (failure !== null || last === null || next > last) return null;
        return next++;
      };
      const reader = async (): Promise<void> => {
        try {
          for (let page = await take(); page !== null; page = await take()) await read(page);
        } catch (error) {
          failure ??= { error };
        }
      };
      await Promise.all(Array.from({ length: readers }, reader));
      if (failure !== null) throw (failure as { error: unknown }).error;
    },
  };
}
