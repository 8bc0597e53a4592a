import { everyOf, keyFamily } from "../i18n/key-family.ts";
import type { WaveCounters } from "./invitation.repository.ts";
import type { InvitationTable, WaveAudience, WaveTable } from "./wave.table.ts";
import { DEFAULT_TEMPLATES } from "./wave-templates.ts";

const CHANNELS = everyOf<WaveTable["channel"]>({ email: true, web: true, staff: true });
const COUNTERS = everyOf<keyof WaveCounters>({
  invited: true,
  sent: true,
  failed: true,
  waiting: true,
  opened: true,
  started: true,
  completed: true,
  optedOut: true,
  remindersSent: true,
});

/** Messages the wave pages name by a channel, a counter, a template or an audience. */
export const families = [
  keyFamily("waves.channel.", CHANNELS),
  keyFamily("waves.channelHelp.", CHANNELS),
  keyFamily("waves.launch.help.", CHANNELS),
  keyFamily("waves.launch.confirm.", CHANNELS),
  keyFamily("waves.counter.", COUNTERS),
  keyFamily("waves.template.", Object.keys(DEFAULT_TEMPLATES) as (keyof typeof DEFAULT_TEMPLATES)[]),
  keyFamily(
    "waves.audience.",
    everyOf<WaveAudience["kind"]>({ all: true, segment: true, list: true, individual: true }),
  ),
  keyFamily(
    "customerMessages.status.",
    everyOf<InvitationTable["status"]>({
      queued: true,
      sending: true,
      sent: true,
      failed: true,
      cancelled: true,
      not_sent: true,
    }),
  ),
];
