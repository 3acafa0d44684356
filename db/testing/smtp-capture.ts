/**
 * A real SMTP server for tests, on a port of its own, that keeps every message it is given. The port is
 * chosen before the server starts, so a test can configure SMTP_URL first and let the server come up
 * later (mail "while SMTP is down").
 */
import { SMTPServer } from 'smtp-server';
import { freePort } from './free-port';

export interface CapturedMail {
  /** The envelope, as the sending client gave it. */
  from: string | null;
  to: string[];
  /** The message as it arrived: headers and body. */
  raw: string;
}

export interface SmtpCapture {
  readonly port: number;
  /** For SMTP_URL. */
  readonly url: string;
  /** Every message received since the capture was created, oldest first. */
  readonly messages: CapturedMail[];
  start(): Promise<void>;
  /** Stops listening; the port stays this capture's, so start() may follow again. */
  stop(): Promise<void>;
  /** The first message (already here or still to come) that matches, or an error after `timeoutMs`. */
  waitFor(predicate: (mail: CapturedMail) => boolean, options?: { timeoutMs?: number }): Promise<CapturedMail>;
}

const POLL_MS = 20;

export async function createSmtpCapture(): Promise<SmtpCapture> {
  const port = await freePort();
  const messages: CapturedMail[] = [];
  let server: SMTPServer | null = null;

  const newServer = () =>
    new SMTPServer({
      authOptional: true,
      // Plain SMTP on loopback: no certificate for the client to doubt.
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          messages.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    async start() {
      if (server) return;
      const starting = newServer();
      await new Promise<void>((resolve, reject) => {
        starting.once('error', reject);
        starting.listen(port, '127.0.0.1', () => {
          starting.off('error', reject);
          resolve();
        });
      });
      server = starting;
    },
    async stop() {
      const stopping = server;
      server = null;
      if (stopping) await new Promise<void>((resolve) => stopping.close(() => resolve()));
    },
    async waitFor(predicate, { timeoutMs = 5000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.find(predicate);
        if (found) return found;
        if (Date.now() > deadline) {
          throw new Error(`No matching mail within ${timeoutMs} ms; received ${messages.length}: ${messages.map((m) => m.to.join(',')).join('; ')}`);
        }
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    },
  };
}
