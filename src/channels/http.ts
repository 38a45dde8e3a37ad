/**
 * The small HTTP server of webhook mode: routes of the channels (Telegram, Zalo) and a health check
 * at `/healthz`, on one port.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

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
  const server = createServer((req, res) => {
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
