/** Whether a wave takes answers at `now`. Pure. */
export type WaveState = "open" | "not_yet_open" | "closed";

export function waveState(wave: { opensAt: Date | null; closesAt: Date | null }, now: Date): WaveState {
  if (wave.opensAt && now < wave.opensAt) return "not_yet_open";
  if (wave.closesAt && now >= wave.closesAt) return "closed";
  return "open";
}
