/**
 * The small HTTP server of webhook mode: routes of the channels (Telegram, Zalo) and a health check
 * at `/healthz`, on one port; and the one body reader both webhooks use (a JSON object of at most
 * 1 MB: 413 without reading more, 400 for anything else than a JSON object).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

/** Largest webhook body read (an update is a few KB; Telegram's biggest are far below this). */
export const MAX_BODY_BYTES = 1024 * 1024;
/** A request (headers and body) must arrive within this. */
const REQUEST_TIMEOUT_MS = 30_000;

/** A webhook body refused: 413 (over `MAX_BODY_BYTES`) or 400 (not a JSON object). */
export class BodyRefused extends Error {
  constructor(
    public readonly status: 400 | 413,
    public readonly reason: string,
  ) {
    super(reason);
    this.name = "BodyRefused";
  }
}

/**
 * Reads a request's body as a JSON object of at most `limit` bytes. A declared Content-Length over
 * the limit is refused before anything is read; a body without one (chunked) is counted as it
 * arrives and refused as soon as it passes the limit. `null`, arrays, numbers and text that is not
 * JSON are refused with 400.
 * @example const update = await readJsonObject(req).catch((e) => e instanceof BodyRefused ? refuseBody(req, res, e) : undefined);
 */
export function readJsonObject(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > limit) return reject(new BodyRefused(413, "body too large"));
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off("data", onData).off("end", onEnd).pause();
      reject(new BodyRefused(413, "body too large"));
    };
    const onEnd = () => {
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        return reject(new BodyRefused(400, "invalid JSON"));
      }
      if (typeof body !== "object" || body === null || Array.isArray(body)) return reject(new BodyRefused(400, "not a JSON object"));
      resolve(body as Record<string, unknown>);
    };
    req.on("data", onData).on("end", onEnd).once("error", reject);
  });
}

/** After a 413, how long and how much of the rest of the body is drained before the connection is cut (a lingering close). */
const LINGER_MS = 1000;
const LINGER_BYTES = 4 * MAX_BODY_BYTES;

/**
 * Answers a refused body with its status. After a 413 the connection closes: the answer goes out,
 * then whatever the client is still sending is discarded for at most a second or 4 MB (so that the
 * client reads the answer instead of a reset), and the socket is destroyed — the body is never kept.
 */
export function refuseBody(req: IncomingMessage, res: ServerResponse, e: BodyRefused): void {
  if (res.headersSent) return void req.destroy();
  if (e.status === 413) {
    res.once("finish", () => {
      let drained = 0;
      const cut = setTimeout(() => req.socket.destroy(), LINGER_MS);
      req.socket.once("close", () => clearTimeout(cut));
      req.on("data", (chunk: Buffer) => (drained += chunk.length) > LINGER_BYTES && req.socket.destroy());
      req.resume();
    });
  }
  res.writeHead(e.status, { "content-type": "application/json" }).end(JSON.stringify({ ok: false, description: e.reason }));
}

/** Handles a request and returns true, or returns false to let the next route try. */
export type Route = (req: IncomingMessage, res: ServerResponse) => boolean;

/** The body of `/healthz`; `ok` false answers 503, so a load balancer takes the instance out. */
export type Health = () => Promise<{ ok: boolean } & Record<string, unknown>>;

/**
 * Starts a server on `port` (0: any free port) on `host`; resolves once it listens.
 * @example const server = await startHttpServer(8080, [zaloRoute]); await closeServer(server);
 */
export function startHttpServer(
  port: number,
  routes: readonly Route[],
  host = "0.0.0.0",
  health: Health = async () => ({ ok: true }),
): Promise<Server> {
  const server = createServer({ requestTimeout: REQUEST_TIMEOUT_MS, headersTimeout: REQUEST_TIMEOUT_MS }, (req, res) => {
    if (req.method === "GET" && req.url === "/healthz") {
      const answer = (body: { ok: boolean }) =>
        void res.writeHead(body.ok ? 200 : 503, { "Content-Type": "application/json" }).end(JSON.stringify(body));
      return void health().then(answer, () => answer({ ok: false }));
    }
    for (const route of routes) if (route(req, res)) return;
    res.writeHead(404).end();
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
  });
}

/** Stops accepting connections and waits for the open ones to end. */
export function closeServer(server: Server): Promise<void> {
  server.closeIdleConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
