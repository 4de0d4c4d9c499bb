import { InvalidArgumentError } from 'commander';

/** An http(s) URL option, without trailing slashes (paths are joined to it). */
export function readUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('protocol');
    return url.toString().replace(/\/+$/, '');
  } catch {
    throw new InvalidArgumentError('expected an http(s) URL, e.g. https://acme.my.salesforce.com');
  }
}
