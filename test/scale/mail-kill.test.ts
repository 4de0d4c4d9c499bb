import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertOrg } from '../../src/db/test-fixtures.js';
import { waitFor } from '../../src/jobs/test-job-setup.js';
import { queueMail } from '../../src/mail/queue-mail.js';
import { type Cluster, startCluster } from './cluster.js';
import type { MailTrap, MailWindow } from './mail-relay.js';

/**
 * Issue #26: a `rudder serve` killed -9 while its job loop delivers an e-mail, at both
 * windows, with two other servers' job loops polling (JOB_POLL_SECONDS=1,
 * JOB_LEASE_SECONDS=3). Whichever server claims the delivery is the one killed: its relay
 * (mail-relay.ts) cuts the conversation at the window and kills it.
 */
describe('a server of three killed while it delivers an e-mail', () => {
  let cluster: Cluster;
  let orgId: string;

  beforeAll(async () => {
    cluster = await startCluster();
    orgId = await insertOrg(cluster.db);
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  const copiesOf = (id: string) =>
    cluster.sink.received.filter((m) => m.raw.includes(`Message-ID: <${id}@rudder>`));
  const outbox = async (id: string) => {
    const [row] = await cluster.db.query<{ sent: boolean }>(
      'select sent_at is not null as sent from outbox_message where id = $1',
      [id],
    );
    return row;
  };
  const deliveryJob = async (id: string) => {
    const [row] = await cluster.db.query<{ attempts: number; done: boolean }>(
      `select attempts, done_at is not null as done from job
        where kind = 'deliver-mail' and payload->>'messageId' = $1`,
      [id],
    );
    return row;
  };
  /** Queues a message with the trap armed before the commit: no server can send it first. */
  const queueTrapped = async (window: MailWindow, subject: string) => {
    let trap: MailTrap | null = null;
    const id = await cluster.db.transaction(async (tx) => {
      const queued = await queueMail(tx, {
        orgId,
        to: ['riley@example.com'],
        subject,
        text: 'The reminder text.',
        html: '<p>The reminder text.</p>',
      });
      trap = cluster.interruptMail(window, queued);
      return queued;
    });
    if (!trap) throw new Error('no trap');
    return { id, trap: trap as MailTrap };
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 2_000));

  it('killed before the message data is complete: another server delivers it once', async () => {
    const { id, trap } = await queueTrapped('mid-data', 'Cut in the middle of the data');
    await waitFor(async () => trap.done !== undefined, 20_000);
    await trap.done;
    const killed = cluster.serverOf(trap.fired?.by ?? '');
    expect(await cluster.servers[killed]?.process.exited).toBe('SIGKILL');
    // The receiver had the envelope and the first header lines, never the end of the data.
    expect(trap.fired?.endSent).toBe(false);
    expect(trap.fired?.dataBytes).toBeGreaterThan(0);
    expect(copiesOf(id)).toHaveLength(0);
    expect(await outbox(id)).toEqual({ sent: false });
    // A surviving server takes the job over once the killed one's 3 s lease ran out.
    await waitFor(async () => copiesOf(id).length > 0, 30_000);
    await settle();
    expect(copiesOf(id)).toHaveLength(1);
    expect(await outbox(id)).toEqual({ sent: true });
    expect(await deliveryJob(id)).toEqual({ attempts: 2, done: true });
    await cluster.restart(killed);
  });

  it('killed after the data, before its acknowledgement is committed: one duplicate, same Message-ID', async () => {
    const { id, trap } = await queueTrapped('after-ack', 'Acknowledged, never recorded');
    await waitFor(async () => trap.done !== undefined, 20_000);
    await trap.done;
    const killed = cluster.serverOf(trap.fired?.by ?? '');
    expect(await cluster.servers[killed]?.process.exited).toBe('SIGKILL');
    expect(trap.fired?.endSent).toBe(true);
    // The receiver kept it and said 250; the sender, stopped, never recorded that.
    expect(copiesOf(id)).toHaveLength(1);
    expect(await outbox(id)).toEqual({ sent: false });
    await waitFor(async () => copiesOf(id).length > 1, 30_000);
    await settle();
    // The documented duplicate (docs/operations.md): two copies, one Message-ID.
    expect(copiesOf(id)).toHaveLength(2);
    expect(await outbox(id)).toEqual({ sent: true });
    expect(await deliveryJob(id)).toEqual({ attempts: 2, done: true });
  });
});
