/**
 * The audit trail's checkpoint in the credential vault: the latest entry's number and hash,
 * sealed by the vault's protector (safeStorage in the app), so rewriting the trail in the
 * database alone no longer matches it. Not a secret — the vault is used for its integrity.
 * It lives as long as the security database does: clearing the local copy leaves both.
 */
import type { Vault } from '../auth/vault';
import type { AuditCheckpointStore, AuditHead } from './auditTrail';

export const AUDIT_CHECKPOINT_SECRET = 'audit.checkpoint';

export function vaultAuditCheckpoint(vault: Pick<Vault, 'get' | 'set'>): AuditCheckpointStore {
  return {
    read(): AuditHead | undefined {
      const stored = vault.get(AUDIT_CHECKPOINT_SECRET);
      if (stored === undefined) return undefined;
      try {
        const parsed = JSON.parse(stored) as Partial<AuditHead>;
        if (typeof parsed.sequence === 'number' && typeof parsed.hash === 'string') return { sequence: parsed.sequence, hash: parsed.hash };
      } catch {
        // An unreadable checkpoint is treated as none, which verify() reports.
      }
      return undefined;
    },
    write(head) {
      vault.set(AUDIT_CHECKPOINT_SECRET, JSON.stringify({ sequence: head.sequence, hash: head.hash }));
    },
  };
}
