import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { createTestDb, testEngine } from '../db/test-db.js';
import { insertOrg } from '../db/test-fixtures.js';
import { waitFor } from '../jobs/test-job-setup.js';
import { fixedClock } from '../shared/clock.js';
import { queueMail } from './queue-mail.js';
import {
  deliverOutboxMessage,
  type MailTransport,
  sendOutbox,
  smtpTransport,
} from './send-outbox.js';
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
    const clock = fixedClock('2026-11-02T10:00:00Z');
    const from = 'Rudder <rudder@example.com>';
    expect(await sendOutbox(db, { transport, from, clock })).toBe(1);
    // A second pass finds nothing to send: sent_at was set.
    expect(await sendOutbox(db, { transport, from, clock })).toBe(0);
    expect(
      await deliverOutboxMessage(db, {
        orgId,
        messageId: id,
        transport,
        from: 'x@example.com',
        clock,
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
        clock: fixedClock('2026-11-02T11:00:00Z'),
      }),
    ).rejects.toThrow();
    transport.close();
    const [row] = await db.query<{ sent_at: string | null }>(
      'select sent_at from outbox_message where id = $1',
      [id],
    );
    expect(row?.sent_at).toBeNull();
  });
  const outboxRow = async (id: string) => {
    const [row] = await db.query<{
      sent_at: string | null;
      sending_until: string | null;
      sending_by: string | null;
    }>('select sent_at, sending_until, sending_by from outbox_message where id = $1', [id]);
    return row;
  };
  const receivedWithId = (id: string) =>
    sink.received.filter((m) => m.raw.includes(`Message-ID: <${id}@rudder>`));

  it('marks a message sent only after the acknowledgement; a sender that stops renewing loses it one lease later to the next, same Message-ID', async () => {
    const id = await queueMail(db, {
      orgId,
      to: ['casey@example.com'],
      subject: 'Reminder',
      text: 'Tomorrow 9:00',
      html: '<p>Tomorrow 9:00</p>',
    });
    const at = (ms: number) => fixedClock(new Date(Date.parse('2026-11-03T08:00:00Z') + ms));
    const options = { orgId, messageId: id, from: 'rudder@example.com', leaseMs: 20_000 };
    // The first sender's SMTP session never completes: a process stuck or killed mid-DATA.
    let cut: (error: Error) => void = () => undefined;
    const stuck: MailTransport = {
      sendMail: () =>
        new Promise((_, reject) => {
          cut = reject;
        }),
    };
    const first = deliverOutboxMessage(db, { ...options, transport: stuck, clock: at(0) });
    await waitFor(async () => (await outboxRow(id))?.sending_by != null);
    expect(await outboxRow(id)).toMatchObject({
      sent_at: null,
      sending_until: '2026-11-03T08:00:20.000Z',
    });
    const transport = smtpTransport(sink.url);
    // Within the lease the message is someone else's; at its end, any sender takes it.
    expect(await deliverOutboxMessage(db, { ...options, transport, clock: at(19_999) })).toBe(
      'in-flight',
    );
    expect(await deliverOutboxMessage(db, { ...options, transport, clock: at(20_000) })).toBe(
      'sent',
    );
    transport.close();
    // The late first sender fails at last: giving its claim back must not undo the delivery.
    cut(new Error('connection reset before the end of DATA'));
    await expect(first).rejects.toThrow('connection reset');
    expect(await outboxRow(id)).toEqual({
      sent_at: '2026-11-03T08:00:20.000Z',
      sending_until: null,
      sending_by: null,
    });
    expect(receivedWithId(id)).toHaveLength(1);
  });

  it('keeps the lease of a live sender renewed while SMTP takes longer than the lease', async () => {
    const id = await queueMail(db, {
      orgId,
      to: ['casey@example.com'],
      subject: 'Slow',
      text: 't',
      html: '<p>t</p>',
    });
    let now = Date.parse('2026-11-04T08:00:00Z');
    const clock = { now: () => new Date(now) };
    const options = { orgId, messageId: id, from: 'rudder@example.com', leaseMs: 300 };
    let acknowledge: () => void = () => undefined;
    const slow: MailTransport = {
      sendMail: () =>
        new Promise((resolve) => {
          acknowledge = () => resolve(undefined);
        }),
    };
    const first = deliverOutboxMessage(db, { ...options, transport: slow, clock });
    await waitFor(async () => (await outboxRow(id))?.sending_by != null);
    now += 1_000;
    // A renewal every 100 ms (a third of the lease) moves the lease past the new time.
    await waitFor(async () => Date.parse((await outboxRow(id))?.sending_until ?? '') === now + 300);
    const transport = smtpTransport(sink.url);
    expect(await deliverOutboxMessage(db, { ...options, transport, clock })).toBe('in-flight');
    transport.close();
    acknowledge();
    expect(await first).toBe('sent');
    expect(await outboxRow(id)).toMatchObject({ sending_until: null, sending_by: null });
    expect(receivedWithId(id)).toHaveLength(0);
  });
});
