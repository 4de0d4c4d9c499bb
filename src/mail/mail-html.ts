/**
 * The HTML part of Rudder's e-mails. Every value that came from people (names, notes,
 * commitments) goes through `escapeHtml`: a note reading `<script>` stays text.
 */
export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** A minimal, client-safe document: inline styles only, as mail clients strip the rest. */
export function htmlDocument(title: string, bodyHtml: string): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body style="font-family:system-ui,-apple-system,Segoe UI,sans-serif;color:#1f2933;max-width:640px">
${bodyHtml}
</body></html>
`;
}

/** `<ul>` of already-escaped items; nothing when empty. */
export function htmlList(itemsHtml: readonly string[]): string {
  if (itemsHtml.length === 0) return '';
  return `<ul>${itemsHtml.map((item) => `<li>${item}</li>`).join('')}</ul>`;
}

/** A date and time for a reader in a zone, e.g. "Monday, October 26, 2026 at 9:00 AM EDT". */
export function formatWhen(
  instant: string | Date,
  options: { locale: string; timeZone: string },
): string {
  return new Intl.DateTimeFormat(options.locale, {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: options.timeZone,
  }).format(new Date(instant));
}

/** "⟨url⟩/path" when the public address is configured, else null (no dead links). */
export function link(publicUrl: string | undefined, path: string): string | null {
  if (!publicUrl) return null;
  return `${publicUrl.replace(/\/+$/, '')}${path}`;
}
