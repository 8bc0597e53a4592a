import { describe, expect, it } from "vitest";
import { waveStatus } from "../../../src/distribution/wave.ts";

const now = new Date("2026-11-29T12:00:00Z");
const day = 86_400_000;
const at = (offsetDays: number) => new Date(now.getTime() + offsetDays * day);
const wave = (channel: string, launchedAt: Date | null, opensAt: Date | null, closesAt: Date | null) => ({
  channel,
  launchedAt,
  opensAt,
  closesAt,
});

describe("waveStatus", () => {
  it("says an open link takes answers between its dates, sent or not (nothing is sent)", () => {
    expect(waveStatus(wave("web", null, null, null), now)).toBe("taking_answers");
    expect(waveStatus(wave("web", null, at(-1), at(1)), now)).toBe("taking_answers");
    expect(waveStatus(wave("web", null, at(1), null), now)).toBe("not_yet_open");
    expect(waveStatus(wave("web", at(-3), null, at(-1)), now)).toBe("closed");
  });

  it("says an email or staff wave is a draft until sent, then sent until it closes", () => {
    for (const channel of ["email", "staff"]) {
      expect(waveStatus(wave(channel, null, null, at(5)), now)).toBe("draft");
      expect(waveStatus(wave(channel, at(-2), null, at(5)), now)).toBe("sent");
      expect(waveStatus(wave(channel, at(-2), null, now), now)).toBe("closed");
      expect(waveStatus(wave(channel, null, null, at(-1)), now)).toBe("closed");
    }
  });
});
