import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import { clientErrorHandler, noteRequest } from './http-safety.js';

/** A socket as Node hands it to clientError, with an answer in progress on it. */
function socketOwing(): { socket: PassThrough; owed: EventEmitter; written: () => string } {
  const socket = new PassThrough();
  const owed = Object.assign(new EventEmitter(), { headersSent: true, req: { complete: true } });
  Object.assign(socket, { _httpMessage: owed });
  const chunks: Buffer[] = [];
  socket.on('data', (c: Buffer) => chunks.push(c));
  return { socket, owed, written: () => Buffer.concat(chunks).toString('latin1') };
}

// a parse error as llhttp raises it (Fastify's type lists fields the handler does not read)
const parseError = Object.assign(new Error('Parse Error'), { code: 'HPE_INVALID_METHOD' });
const call = (socket: PassThrough): void =>
  clientErrorHandler.call(null as never, parseError as never, socket as never);

describe('clientErrorHandler with an answer still owed', () => {
  it('waits once however many chunks fail, then writes one 400 after the answer', async () => {
    const { socket, owed, written } = socketOwing();
    // Node calls clientError again for every later chunk of a failed socket
    for (let i = 0; i < 12; i++) call(socket);
    expect(owed.listenerCount('finish')).toBe(1);
    expect(owed.listenerCount('close')).toBe(1);
    expect(written()).toBe('');
    Object.assign(socket, { _httpMessage: null });
    owed.emit('finish');
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(written().match(/HTTP\/1\.1 400 /g)).toHaveLength(1);
  });

  it("writes nothing more when the owed answer is the bad request's own", async () => {
    const { socket, owed, written } = socketOwing();
    Object.assign(owed, { req: { complete: false } });
    call(socket);
    call(socket);
    owed.emit('finish');
    await new Promise((resolve) => setImmediate(resolve));
    expect(written()).toBe('');
    expect(socket.writableEnded).toBe(true);
  });

  it('writes nothing when the bad bytes are the body of a request already answered in full', () => {
    const { socket, written } = socketOwing();
    Object.assign(socket, { _httpMessage: null });
    noteRequest({ socket, complete: false } as unknown as IncomingMessage);
    call(socket);
    expect(written()).toBe('');
    expect(socket.writableEnded).toBe(true);
  });

  it('writes the 400 when the last request was complete (the bad bytes begin a new one)', () => {
    const { socket, written } = socketOwing();
    Object.assign(socket, { _httpMessage: null });
    noteRequest({ socket, complete: true } as unknown as IncomingMessage);
    call(socket);
    expect(written().match(/HTTP\/1\.1 400 /g)).toHaveLength(1);
  });
});
