/** Re-exports the sender engine for the composer, plus small form helpers. */
import { safeIdentifier, type Identifiers } from '@/policy/letter/compose';
export {
  emptySenderInput,
  migrateSenderSettings,
  senderErrorText,
  validateSender,
  type SenderField,
  type StoredSender,
} from '@/policy/letter/sender';

/** Whether at least one identifier is usable in the letter (safeIdentifier passes). */
export function safeIdentifierPresent(ids: Identifiers): boolean {
  return Boolean(safeIdentifier(ids.ymUid) || safeIdentifier(ids.gaClientId));
}
