import { describe, expect, it } from "vitest";
import { createBatcher } from "../../../src/db/batcher.ts";

/** A write that records the batches it was given and answers after the test lets it. */
function recordingWrite(fail: (item: number) => boolean = () => false) {
  const batches: number[][] = [];
  const write = async (items: number[]) => {
    batches.push(items);
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (items.some(fail)) throw new Error(`refused ${items.filter(fail).join(",")}`);
    return items.map((item) => item * 10);
  };
  return { batches, write };
}

describe("createBatcher", () => {
  it("writes a lone item at once, and groups the items that arrive while a write is in flight", async () => {
    const { batches, write } = recordingWrite();
    const add = createBatcher(write, { maxBatch: 100, concurrency: 1 });
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => add(n)));
    expect(results).toEqual([10, 20, 30, 40, 50]);
    expect(batches).toEqual([[1], [2, 3, 4, 5]]);
  });

  it("keeps batches within maxBatch and runs up to `concurrency` writes at once", async () => {
    const { batches, write } = recordingWrite();
    const add = createBatcher(write, { maxBatch: 2, concurrency: 2 });
    const results = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => add(n)));
    expect(results).toEqual([10, 20, 30, 40, 50, 60]);
    expect(batches).toEqual([[1], [2], [3, 4], [5, 6]]);
  });

  it("when a batch fails, retries its items alone so that only the bad one fails", async () => {
    const { batches, write } = recordingWrite((item) => item === 3);
    const add = createBatcher(write, { maxBatch: 100, concurrency: 1 });
    const results = await Promise.allSettled([1, 2, 3, 4].map((n) => add(n)));
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : "rejected"))).toEqual([
      10,
      20,
      "rejected",
      40,
    ]);
    expect(batches).toEqual([[1], [2, 3, 4], [2], [3], [4]]);
  });
});
