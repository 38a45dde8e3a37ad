/** Reads a Bot API request body: JSON, url-encoded form, or multipart (files kept as buffers). */
import type { IncomingMessage } from "node:http";

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A JSON-looking field value is parsed (grammY sends reply_markup etc. as JSON strings in forms). */
function value(s: string): unknown {
  if (/^[[{]/.test(s)) {
    try {
      return JSON.parse(s);
    } catch {
      return s;
    }
  }
  return s;
}

function parseMultipart(body: Buffer, boundary: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const sep = Buffer.from(`--${boundary}`);
  let start = body.indexOf(sep);
  while (start !== -1) {
    const next = body.indexOf(sep, start + sep.length);
    if (next === -1) break;
    const part = body.subarray(start + sep.length + 2, next - 2);
    const headerEnd = part.indexOf("\r\n\r\n");
    const headers = part.subarray(0, headerEnd).toString("utf8");
    const content = part.subarray(headerEnd + 4);
    const name = /name="([^"]*)"/.exec(headers)?.[1];
    const fn = /filename=(?:"([^"]*)"|([^;\r\n]*))/.exec(headers);
    const filename = fn ? (fn[1] ?? fn[2]) : undefined;
    if (name) out[name] = filename !== undefined ? { filename, content } : value(content.toString("utf8"));
    start = next;
  }
  // grammY names the file part `attach://<id>`: resolve those references.
  for (const [k, v] of Object.entries(out)) {
    if (typeof v === "string" && v.startsWith("attach://")) out[k] = out[v.slice("attach://".length)];
  }
  return out;
}

/** Parses the body by its content type; an empty body is `{}`. */
export async function parseBody(req: IncomingMessage): Promise<Record<string, any>> {
  const body = await readAll(req);
  if (body.length === 0) return {};
  const type = req.headers["content-type"] ?? "";
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(type);
  if (type.startsWith("multipart/form-data") && boundary) return parseMultipart(body, boundary[1] ?? boundary[2]!);
  if (type.startsWith("application/x-www-form-urlencoded"))
    return Object.fromEntries([...new URLSearchParams(body.toString("utf8"))].map(([k, v]) => [k, value(v)]));
  return JSON.parse(body.toString("utf8"));
}
