import { POLICY_PATH } from './site';

/** The pages audited before and after a release (issue #17): the ones release 2 changes, and one it leaves alone. */
export const RELEASE_PAGES = ['/', '/doctors/', '/appointment/', POLICY_PATH, '/services/kardiologiya/'].map(
  (p) => `https://pro-medika.ru${p}`,
);
