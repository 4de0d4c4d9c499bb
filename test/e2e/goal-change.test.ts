import { describe, expect, it } from 'vitest';
import { seriousViolations, signIn } from './browser.js';
import { e2eSuite } from './suite.js';

const suite = e2eSuite();

// Ava (demo) agreed $90,000 for March 2026, the month in progress on the demo's today.
describe('a change to an agreed goal in the goals screen', () => {
  it('shows the rep’s change beside the agreed target; the manager accepts it', async () => {
    const rep = await suite.page();
    await signIn(rep, suite.url, 'ava@demo.rudder.dev');
    await rep.getByLabel('Month', { exact: true }).selectOption('2026-03');
    await rep.getByText('Agreed for Mar 2026: $90,000.').waitFor();
    await rep.getByLabel(/Bookings goal/).fill('60000');
    await rep.getByRole('button', { name: 'Propose a change' }).click();
    const repItem = rep.getByRole('listitem').filter({ hasText: 'change to' });
    await expect
      .poll(() => repItem.textContent())
      .toBe(
        'bookings Mar 2026: agreed $90,000; change to $60,000 proposed by you waiting for the other side',
      );
    expect(await repItem.getByRole('button').count()).toBe(0);
    expect(await seriousViolations(rep)).toEqual([]);
    await rep.close();

    const manager = await suite.page();
    await signIn(manager, suite.url, 'manager1@demo.rudder.dev');
    await manager.getByRole('link', { name: 'Open 1:1 with Ava Thompson' }).click();
    await manager.waitForURL(/one-on-one/);
    const avaId = new URL(manager.url()).pathname.split('/').pop() ?? '';
    await manager.goto(`${suite.url}/people/${avaId}`);
    const item = manager.getByRole('listitem').filter({ hasText: 'change to' });
    await expect
      .poll(() => item.textContent())
      .toBe(
        'bookings Mar 2026: agreed $90,000; change to $60,000 proposed by Ava Thompson AcceptReject',
      );
    await item.getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => item.count()).toBe(0);
    await manager.getByLabel('Month', { exact: true }).selectOption('2026-03');
    await manager.getByText('Agreed for Mar 2026: $60,000.').waitFor();
    await manager.close();
  });
});
