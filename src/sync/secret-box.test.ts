import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/app-error.js';
import { SecretBox } from './secret-box.js';

const box = SecretBox.fromConfig('01'.repeat(32));

describe('SecretBox', () => {
  it('seals into v1.<iv>.<tag>.<ciphertext> without the plain text, and opens it again', () => {
    const sealed = box.seal('{"refreshToken":"5Aep861-secret"}', 'crm:org-1:salesforce');
    expect(sealed).toMatch(/^v1\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/);
    expect(sealed).not.toContain('5Aep861');
    expect(box.open(sealed, 'crm:org-1:salesforce')).toBe('{"refreshToken":"5Aep861-secret"}');
    // A fresh IV each time: the same secret never seals to the same text.
    expect(box.seal('same', 'b')).not.toBe(box.seal('same', 'b'));
  });

  it('refuses a blob moved to another organization, tampered with, or under another key', () => {
    const sealed = box.seal('token', 'crm:org-1:salesforce');
    expect(() => box.open(sealed, 'crm:org-2:salesforce')).toThrow(AppError);
    const [v, iv, tag, body] = sealed.split('.');
    const flipped = `${body?.startsWith('A') ? 'B' : 'A'}${body?.slice(1)}`;
    expect(() => box.open([v, iv, tag, flipped].join('.'), 'crm:org-1:salesforce')).toThrow(
      'do not open with CRM_SECRET_KEY',
    );
    const other = SecretBox.fromConfig('02'.repeat(32));
    expect(() => other.open(sealed, 'crm:org-1:salesforce')).toThrow('do not open');
  });

  it('will not exist without a key, and says how to make one', () => {
    expect(() => SecretBox.fromConfig(undefined)).toThrow('openssl rand -hex 32');
  });
});
