/**
 * Which office a request key reads, from `GET /v2/request_key_info`: the fallback when a token
 * answer has no `issued_to` (the v2 guide's sample has none). The Sikka client has no call for it,
 * so this is one plain exchange over the same transport; any failure is "unknown", and the
 * sign-in then stops with SIGN_IN_UNEXPECTED_ANSWER rather than guess an office.
 */
import { nodeHttpTransport, type HttpTransport } from '../sikka/transport';

const MAX_BODY_BYTES = 64 * 1024;

export async function officeOfRequestKey(options: {
  readonly apiBaseUrl: string;
  readonly requestKey: string;
  readonly transport?: HttpTransport | undefined;
  readonly signal?: AbortSignal | undefined;
}): Promise<string | undefined> {
  const transport = options.transport ?? nodeHttpTransport();
  const url = `${options.apiBaseUrl}/request_key_info?${new URLSearchParams({ request_key: options.requestKey }).toString()}`;
  try {
    const response = await transport({
      method: 'GET',
      url,
      headers: { accept: 'application/json' },
      signal: options.signal ?? AbortSignal.timeout(30_000),
      maxBodyBytes: MAX_BODY_BYTES,
    });
    if (response.status !== 200) return undefined;
    const parsed = JSON.parse(Buffer.from(response.body).toString('utf8')) as unknown;
    const body = Array.isArray(parsed) && parsed.length === 1 ? (parsed[0] as unknown) : parsed;
    if (typeof body !== 'object' || body === null) return undefined;
    const issuedTo = (body as Record<string, unknown>)['issued_to'];
    return typeof issuedTo === 'string' && issuedTo.trim() !== '' ? issuedTo.trim() : undefined;
  } catch {
    return undefined;
  }
}
