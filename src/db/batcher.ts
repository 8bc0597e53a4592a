/**
 * Group commit: calls that arrive while a write is in flight wait and go together in the next one, so
 * under load many requests share one statement and one commit, and a lone request is written at once
 * (no timer, no added latency). Up to `concurrency` writes run at once.
 *
 * `write` gets the waiting items and returns one result per item, in order. When a batch of several
 * fails, each item is retried alone, so one bad item fails only its own caller.
 */
export function createBatcher<I, O>(
  write: (items: I[]) => Promise<O[]>,
  options: { maxBatch: number; concurrency: number },
): (item: I) => Promise<O> {
  interface Waiting {
    item: I;
    resolve(result: O): void;
    reject(error: unknown): void;
  }
  let queue: Waiting[] = [];
  let writers = 0;

  async function writeAlone(waiting: Waiting) {
    try {
      const [result] = await write([waiting.item]);
      waiting.resolve(result as O);
    } catch (error) {
      waiting.reject(error);
    }
  }

  async function drain() {
    writers++;
    while (queue.length > 0) {
      const batch = queue.slice(0, options.maxBatch);
      queue = queue.slice(batch.length);
      if (batch.length === 1) {
        await writeAlone(batch[0] as Waiting);
        continue;
      }
      let results: O[];
      try {
        results = await write(batch.map((waiting) => waiting.item));
      } catch {
        for (const waiting of batch) await writeAlone(waiting);
        continue;
      }
      for (const [i, waiting] of batch.entries()) waiting.resolve(results[i] as O);
    }
    writers--;
  }

  return (item) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (writers < options.concurrency) void drain();
    });
}
