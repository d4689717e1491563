/** Helpers shared by the emulator's own tests: raw fetch calls and seeded sign-ins. */
import { SEED_ADMIN, SEED_USER, type Emulator } from './index.ts';

export interface JsonResponse {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

export async function call(emu: Emulator, method: string, path: string, options: { body?: unknown; auth?: string; headers?: Record<string, string> } = {}): Promise<JsonResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.auth) headers.Authorization = options.auth;
  let body: BodyInit | undefined;
  if (options.body instanceof FormData || typeof options.body === 'string') body = options.body;
  else if (options.body !== undefined) {
    headers['Content-Type'] ??= 'application/json';
    body = JSON.stringify(options.body);
  }
  const res = await fetch(emu.url + path, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

export async function adminAuth(emu: Emulator): Promise<string> {
  const res = await call(emu, 'POST', '/api/admins/auth-via-email', { body: SEED_ADMIN });
  return `Admin ${(res.body as { token: string }).token}`;
}

export async function userAuth(emu: Emulator, creds: { email: string; password: string } = SEED_USER): Promise<{ header: string; id: string; profileId: string }> {
  const res = await call(emu, 'POST', '/api/users/auth-via-email', { body: { email: creds.email, password: creds.password } });
  const body = res.body as { token: string; user: { id: string; profile: { id: string } } };
  return { header: `User ${body.token}`, id: body.user.id, profileId: body.user.profile.id };
}

/** Creates and signs in a second verified-or-not user. */
export async function newUserAuth(emu: Emulator, email: string): Promise<{ header: string; id: string; profileId: string }> {
  await call(emu, 'POST', '/api/users', { body: { email, password: 'password123', passwordConfirm: 'password123' } });
  return userAuth(emu, { email, password: 'password123' });
}

export const record = (value: unknown): Record<string, unknown> => value as Record<string, unknown>;
