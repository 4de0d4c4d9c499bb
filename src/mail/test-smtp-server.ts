import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string | null;
  to: string[];
  /** The raw RFC 5322 message as received. */
  raw: string;
}

/**
 * A real SMTP server on loopback (port 0 = any free port) that keeps what it receives:
 * the e-mail tests go through nodemailer and the network, not through a mock.
 */
export async function startSmtpSink(): Promise<{
  url: string;
  /** Messages acknowledged (the final 250 to DATA sent): what a real receiver delivers. */
  received: ReceivedMail[];
  /**
   * The next message is read to its end but never acknowledged (the sender waits for a 250
   * that does not come); resolves with it then. A kill window for the delivery tests.
   */
  holdNext(): Promise<ReceivedMail>;
  close(): Promise<void>;
}> {
  const received: ReceivedMail[] = [];
  let hold: ((mail: ReceivedMail) => void) | null = null;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const from = session.envelope.mailFrom;
        const mail = {
          from: from ? from.address : null,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        };
        if (hold) {
          hold(mail);
          hold = null;
          return;
        }
        received.push(mail);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    holdNext: () =>
      new Promise((resolve) => {
        hold = resolve;
      }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
