/** Whether a wave takes answers at `now`. Pure. */
export type WaveState = "open" | "not_yet_open" | "closed";

export function waveState(wave: { opensAt: Date | null; closesAt: Date | null }, now: Date): WaveState {
  if (wave.opensAt && now < wave.opensAt) return "not_yet_open";
  if (wave.closesAt && now >= wave.closesAt) return "closed";
  return "open";
}

/** What the console says of a wave. */
export type WaveStatus = "draft" | "sent" | "taking_answers" | "not_yet_open" | "closed";

/**
 * An open link takes answers between its dates (nothing is sent); an email or staff wave is a draft
 * until it is sent. Any wave past its closing date is closed. Pure.
 */
export function waveStatus(
  wave: { channel: string; launchedAt: Date | null; opensAt: Date | null; closesAt: Date | null },
  now: Date,
): WaveStatus {
  const state = waveState(wave, now);
  if (state === "closed") return "closed";
  if (wave.channel === "web") return state === "not_yet_open" ? "not_yet_open" : "taking_answers";
  return wave.launchedAt ? "sent" : "draft";
}
