import type { Msg } from './messages';

/** UI strings of the audit area (keys prefixed audit_). Russian first. */
export const auditMessages = {
} satisfies Record<string, Msg>;
