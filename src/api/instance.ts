import { createServer } from 'node:http';
import Fastify, { type FastifyInstance } from 'fastify';
import type { ApiContext, ApiOptions } from './context.js';
import { clientErrorHandler, loggerOptions, noteRequest } from './http-safety.js';
import { attachRawHotPath } from './raw-hot.js';

/**
 * The Fastify instance on its own HTTP server: Node's timeouts from the limits, and the hot
 * reads (hot-reads.ts, raw-hot.ts) answered before the framework sees them.
 */
export function createInstance(o: ApiOptions, ctx: ApiContext): FastifyInstance {
  const { limits, hot } = ctx;
  return Fastify({
    logger: loggerOptions(o.logger ?? false),
    clientErrorHandler,
    bodyLimit: limits.uploadBytes,
    routerOptions: { maxParamLength: 64 },
    // only the named proxies' X-Forwarded-For entries are believed (a bare hop count would
    // believe any direct client's header; Fastify refuses it)
    trustProxy: o.trustProxy ?? false,
    // headers and whole requests timed out by Node, checked often enough to honour short limits;
    // Fastify's own connectionTimeout and keepAliveTimeout apply only to servers it creates
    serverFactory: (handler) => {
      const server = createServer(
        {
          headersTimeout: limits.headersTimeoutMs,
          requestTimeout: limits.requestTimeoutMs,
          connectionsCheckingInterval: Math.min(
            30_000,
            Math.max(50, Math.floor(limits.headersTimeoutMs / 4)),
          ),
        },
        (req, res) => {
          noteRequest(req);
          if (!hot.serve(req, res)) handler(req, res);
        },
      );
      // a kept-alive connection idle this long is closed (else Node's 5 s default applies)
      server.keepAliveTimeout = limits.idleTimeoutMs;
      if (o.rawHotPath !== false) attachRawHotPath(server, hot, ctx.revision.current);
      return server;
    },
  });
}
