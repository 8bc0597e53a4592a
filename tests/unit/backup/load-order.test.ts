import { describe, expect, it } from "vitest";
import { orderForLoading } from "../../../src/backup/load-order.ts";

const tables = (...ids: string[]) => ids.map((id, index) => ({ id, created: index }));

describe("orderForLoading", () => {
  it.each([
    ["no tables", tables(), [], []],
    ["no keys: creation order", tables("a", "b", "c"), [], ["a", "b", "c"]],
    ["a key to a later table puts that table first", tables("a", "b"), [{ from: "a", to: "b" }], ["b", "a"]],
    [
      "a chain",
      tables("answer", "response", "wave"),
      [
        { from: "answer", to: "response" },
        { from: "response", to: "wave" },
      ],
      ["wave", "response", "answer"],
    ],
    ["a table referring to itself needs no order", tables("a", "b"), [{ from: "a", to: "a" }], ["a", "b"]],
    [
      "keys to tables outside the set are ignored (a partition's key)",
      tables("a", "b"),
      [{ from: "a", to: "partition" }],
      ["a", "b"],
    ],
    [
      "a cycle follows the rest in creation order",
      tables("x", "y", "z"),
      [
        { from: "x", to: "y" },
        { from: "y", to: "x" },
      ],
      ["z", "x", "y"],
    ],
  ])("%s", (_name, given, references, expected) => {
    expect(orderForLoading(given, references)).toEqual(expected);
  });

  it("orders by the creation number, not by the order given", () => {
    expect(
      orderForLoading(
        [
          { id: "late", created: 30 },
          { id: "early", created: 10 },
        ],
        [],
      ),
    ).toEqual(["early", "late"]);
  });
});
