/**
 * The certificate policy: who may do what to one issued certificate (bằng tốt nghiệp, giấy chứng
 * nhận). Revoking belongs to whoever manages certificates (certificates.manage: the school's
 * registrar, the system administrator) over the subtree holding the class's organiser unit; a
 * manager elsewhere gets 404 as for a missing certificate, anyone else 403. A certificate revoked
 * already refuses a second revocation with CERTIFICATE_ALREADY_REVOKED.
 */
import { CERTIFICATE_ACTIONS } from '@nang-tam/contracts';
import { allowed, definePolicy, refuse, type Verdict } from './policy.js';
import { managesCertificatesOf } from './class.js';

/** What the certificate policy needs to know about a certificate (loaded by the service). */
export interface CertificateFacts {
  /** Materialised path of the organiser unit of the certificate's class ("/1/7/"). */
  organiserPath: string;
  /** The certificate has been revoked. */
  revoked: boolean;
}

/** The facts of a stored certificate row. */
export function certificateFactsOf(row: { organiser_path: string; revoked_at: string | null }): CertificateFacts {
  return { organiserPath: row.organiser_path, revoked: row.revoked_at !== null };
}

export const certificatePolicy = definePolicy<CertificateFacts, (typeof CERTIFICATE_ACTIONS)[number]>('certificate', CERTIFICATE_ACTIONS, {
  revoke: (user, c): Verdict => {
    const manager = managesCertificatesOf(user, c.organiserPath);
    if (manager !== true) return manager;
    return c.revoked ? refuse('CERTIFICATE_ALREADY_REVOKED') : allowed;
  },
});
