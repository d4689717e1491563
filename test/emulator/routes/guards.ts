/** The auth middlewares of apis/middlewares.go. */
import type { Ctx } from '../http/context.ts';
import { badRequest, forbidden, unauthorized } from '../http/errors.ts';

export function requireGuestOnly(ctx: Ctx): void {
  if (ctx.auth.user || ctx.auth.admin) throw badRequest('The request can be accessed only by guests.');
}

export function requireUser(ctx: Ctx): void {
  if (!ctx.auth.user) throw unauthorized('The request requires valid user authorization token to be set.');
}

export function requireAdmin(ctx: Ctx): void {
  if (!ctx.auth.admin) throw unauthorized('The request requires admin authorization token to be set.');
}

export function requireAdminOrUser(ctx: Ctx): void {
  if (!ctx.auth.admin && !ctx.auth.user) throw unauthorized('The request requires admin or user authorization token to be set.');
}

/** RequireAdminOrOwnerAuth("id") */
export function requireAdminOrOwner(ctx: Ctx, ownerId: string): void {
  requireAdminOrUser(ctx);
  if (!ctx.auth.admin && ctx.auth.user?.id !== ownerId) throw forbidden('You are not allowed to perform this request.');
}
