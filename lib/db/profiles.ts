// Site profiles (docs/capture.md#site-profiles): a confirmed mapping saved per origin + path pattern +
// header signature, applied without asking next time. lib/mapping owns the
// matching; this module only keeps them.
import type { DealerLensDB } from './database';
import type { SiteProfile } from './types';

export async function saveProfile(db: DealerLensDB, profile: SiteProfile): Promise<string> {
  return db.profiles.put(profile);
}

/** Every saved profile, most recently updated first. */
export async function listProfiles(db: DealerLensDB): Promise<SiteProfile[]> {
  return db.profiles.orderBy('updatedAt').reverse().toArray();
}
