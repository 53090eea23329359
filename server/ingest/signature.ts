/**
 * The batch's Ed25519 signature, checked with the key the device registered at enrolment. One
 * verification per batch: the statement signs the ends of the run, and the run's hashes sign the rest.
 */
import { createPublicKey, verify } from 'node:crypto';
import { uploadStatementText } from '../../shared/hub-api/upload.js';
import type { UploadBatch } from '../../shared/hub-api/upload.js';

/** True when `batch.signature` is the device's signature of the batch's statement. */
export function batchSignatureValid(batch: UploadBatch, publicKeySpkiBase64: string): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(publicKeySpkiBase64, 'base64'), format: 'der', type: 'spki' });
    return verify(null, Buffer.from(uploadStatementText(batch), 'utf8'), key, Buffer.from(batch.signature, 'base64'));
  } catch {
    // A stored key that no longer parses, or a signature of the wrong length: not a valid signature.
    return false;
  }
}
