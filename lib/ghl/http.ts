import http from 'node:http';
import https from 'node:https';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

/** The response parts the client reads. `fetch`'s Response has them too (tests use it). */
export type HttpResponse = {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
};

export type HttpInit = {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
};

/** The part of `fetch` the client uses; `globalThis.fetch` and the scripted test fakes satisfy it. */
export type HttpFetch = (url: string, init: HttpInit) => Promise<HttpResponse>;

const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 256 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 256 }),
};

const decoders: Record<string, (buffer: Buffer) => Promise<Buffer>> = {
  gzip: promisify(zlib.gunzip),
  deflate: promisify(zlib.inflate),
  br: promisify(zlib.brotliDecompress),
};

function headerReader(headers: http.IncomingHttpHeaders): HttpResponse['headers'] {
  return {
    get(name) {
      const value = headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

/**
 * `fetch` semantics on node:http with keep-alive agents, resolved once the body is in. Built-in
 * `fetch` (undici) spent more CPU than JSON parsing itself on 500-contact pages: web streams,
 * per-chunk TextDecoder, abort plumbing. Compressed responses (gzip, deflate, br) are decoded.
 */
export const nodeHttpFetch: HttpFetch = (url, init) =>
  new Promise((resolve, reject) => {
    const target = new URL(url);
    const agent = target.protocol === 'https:' ? agents['https:'] : agents['http:'];
    const transport = target.protocol === 'https:' ? https : http;
    const request = transport.request(
      target,
      {
        method: init.method,
        headers: { 'Accept-Encoding': 'gzip, deflate, br', ...init.headers },
        agent,
        signal: init.signal,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const raw = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
          const decode = decoders[String(response.headers['content-encoding'] ?? '').trim()];
          resolve({
            status: response.statusCode ?? 0,
            headers: headerReader(response.headers),
            text: async () => (decode ? await decode(raw) : raw).toString('utf8'),
          });
        });
        response.on('close', () => {
          if (!response.complete) reject(new Error('the connection closed before the body ended'));
        });
      },
    );
    request.on('error', reject);
    request.end(init.body);
  });
