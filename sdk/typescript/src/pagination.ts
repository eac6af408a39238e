/** One page of a list answer. */
export interface Page<T> {
  data: T[];
  nextCursor: string | null;
  hasMore: boolean;
}

/** `for await (const asset of client.assets.list(projectId, {type: "video"}))` walks every page;
 * `.page()` fetches one page (pass `nextCursor` for the next), `.pages()` yields pages. */
export class ListCursor<T> implements AsyncIterable<T> {
  readonly #fetchPage: (cursor: string | undefined) => Promise<Page<T>>;
  readonly #start: string | undefined;

  constructor(fetchPage: (cursor: string | undefined) => Promise<Page<T>>, start?: string | null) {
    this.#fetchPage = fetchPage;
    this.#start = start ?? undefined;
  }

  page(cursor?: string | null): Promise<Page<T>> {
    return this.#fetchPage(cursor ?? this.#start);
  }

  async *pages(): AsyncGenerator<Page<T>, void, undefined> {
    let cursor = this.#start;
    for (;;) {
      const page = await this.#fetchPage(cursor);
      yield page;
      if (!page.hasMore || !page.nextCursor) return;
      cursor = page.nextCursor;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for await (const page of this.pages()) yield* page.data;
  }

  /** Every item of every page, in order (mind the size of what you ask for). */
  async toArray(): Promise<T[]> {
    const all: T[] = [];
    for await (const item of this) all.push(item);
    return all;
  }
}
