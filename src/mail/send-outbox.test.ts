import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { createTestDb, testEngine } from '../db/test-db.js';
import { insertOrg } from '../db/test-fixtures.js';
import { queueMail } from './queue-mail.js';
import { deliverOutboxMessage, sendOutbox, smtpTransport } from './send-outbox.js';
import { startSmtpSink } from './test-smtp-server.js';

describe(`delivering the outbox over SMTP (${testEngine})`, () => {
  let db: Database;
  let orgId: string;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;

  beforeAll(async () => {
    db = await createTestDb();
    orgId = await insertOrg(db);
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await sink.close();
    await db.close();
  });

  it('sends each message once, with its plain-text and HTML parts, to its recipients', async () => {
    const id = await queueMail(db, {
      orgId,
      to: ['riley@example.com', 'morgan@example.com'],
      subject: 'Your 1:1 summary',
      text: 'Stage reached: pipeline review.',
      html: '<p>Stage reached: <strong>pipeline review</strong>.</p>',
    });
    const transport = smtpTransport(sink.url);
    const now = new Date('2026-11-02T10:00:00Z');
    expect(await sendOutbox(db, { transport, from: 'Rudder <rudder@example.com>', now })).toBe(1);
    // A second pass finds nothing to send: sent_at was set.
    expect(await sendOutbox(db, { transport, from: 'Rudder <rudder@example.com>', now })).toBe(0);
    expect(
      await deliverOutboxMessage(db, {
        orgId,
        messageId: id,
        transport,
        from: 'x@example.com',
        now,
      }),
    ).toBe('already-sent');
    transport.close();
    expect(sink.received).toHaveLength(1);
    const [mail] = sink.received;
    expect(mail?.from).toBe('rudder@example.com');
    expect(mail?.to).toEqual(['riley@example.com', 'morgan@example.com']);
    expect(mail?.raw).toMatch(/Content-Type: multipart\/alternative/);
    expect(mail?.raw).toMatch(/Content-Type: text\/plain[\s\S]*Stage reached: pipeline review\./);
    expect(mail?.raw).toMatch(/Content-Type: text\/html[\s\S]*<strong>pipeline review<\/strong>/);
    expect(mail?.raw).toContain(`Message-ID: <${id}@rudder>`);
    const [row] = await db.query<{ sent_at: string }>(
      'select sent_at from outbox_message where id = $1',
      [id],
    );
    expect(row?.sent_at).toBe('2026-11-02T10:00:00.000Z');
  });

  it('leaves a message unsent when the SMTP server cannot be reached, for a retry', async () => {
    const id = await queueMail(db, {
      orgId,
      to: ['a@example.com'],
      subject: 's',
      text: 't',
      html: '<p>t</p>',
    });
    // Port 1 on loopback: connection refused.
    const transport = smtpTransport('smtp://127.0.0.1:1');
    await expect(
      deliverOutboxMessage(db, {
        orgId,
        messageId: id,
        transport,
        from: 'x@example.com',
        now: new Date('2026-11-02T11:00:00Z'),
      }),
    ).rejects.toThrow();
    transport.close();
    const [row] = await db.query<{ sent_at: string | null }>(
      'select sent_at from outbox_message where id = $1',
      [id],
    );
    expect(row?.sent_at).toBeNull();
  });
});
