import type { Kysely } from "kysely";
import { hashSecretToken } from "../accounts/tokens.ts";
import type { Database } from "../db/database.ts";
import type { InvitationByToken } from "../distribution/invitation.repository.ts";
import { findInvitationByToken } from "../distribution/invitation.service.ts";
import { findWaveById, type WaveWithDefinition } from "../distribution/wave.repository.ts";
import { type WaveState, waveState } from "../distribution/wave.ts";
import { type DraftResponse, findDraftResponse, findResponseByResumeToken } from "./response.repository.ts";

/** The resume key of a response started from a personal link: derived from the link, never stored. */
export const personalResumeToken = (token: string) => `invitation:${token}`;

export interface PersonalLink {
  invitation: InvitationByToken;
  wave: WaveWithDefinition;
  state: WaveState;
  /** the response in progress or done: the invitation's own (any of its links), or, for anonymous
   * waves, the one started from this very link */
  existing: DraftResponse | undefined;
}

export async function findPersonalLink(
  db: Kysely<Database>,
  token: string,
  now: Date,
): Promise<PersonalLink | undefined> {
  const invitation = await findInvitationByToken(db, token);
  if (!invitation) return undefined;
  const wave = await findWaveById(db, invitation.waveId);
  if (!wave) return undefined;
  const existing =
    invitation.responseId !== null
      ? await findDraftResponse(db, invitation.responseId)
      : await findResponseByResumeToken(db, hashSecretToken(personalResumeToken(token)));
  return { invitation, wave, state: waveState(wave, now), existing };
}
