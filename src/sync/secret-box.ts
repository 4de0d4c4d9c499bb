import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { secretKeyBytes } from '../config/config.js';
import { AppError } from '../shared/app-error.js';

/**
 * Seals a connection's secrets (tokens, private keys) with AES-256-GCM under the key from
 * CRM_SECRET_KEY. The additional data binds a sealed blob to its organization and CRM:
 * copied into another row, it no longer opens. Format: `v1.<iv>.<tag>.<ciphertext>`, each
 * base64url, so a later key or algorithm can be told apart by its prefix.
 */
export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  /** The box for the configured key; refuses clearly when there is none. */
  static fromConfig(key: string | undefined): SecretBox {
    const bytes = key === undefined ? null : secretKeyBytes(key);
    if (bytes === null) {
      throw new AppError(
        'CONFIG_INVALID',
        'CRM_SECRET_KEY is not set: CRM tokens are only stored encrypted. Set it to 32 random ' +
          'bytes (e.g. `openssl rand -hex 32`) in the environment of every Rudder process.',
      );
    }
    return new SecretBox(bytes);
  }

  seal(plain: string, binding: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(binding, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), body].map((part) => part.toString('base64url'));
    return `v1.${parts.join('.')}`;
  }

  open(sealed: string, binding: string): string {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== 'v1' || iv === undefined || tag === undefined || body === undefined) {
      throw new AppError('CONFIG_INVALID', 'The stored CRM secrets are not in a known format.');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(binding, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      const plain = Buffer.concat([
        decipher.update(Buffer.from(body, 'base64url')),
        decipher.final(),
      ]);
      return plain.toString('utf8');
    } catch (error: unknown) {
      throw new AppError(
        'CONFIG_INVALID',
        'The CRM secrets do not open with CRM_SECRET_KEY (was the key changed?). Connect the CRM again.',
        { cause: error },
      );
    }
  }
}
