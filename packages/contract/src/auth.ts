import { z } from 'zod';
import { id, pageFields, password, phone, secret, text, username } from './common.ts';

export const roles = ['admin', 'staff', 'leader', 'convener', 'member', 'department', 'resident'] as const;
export const role = z.enum(roles);
export type Role = z.infer<typeof role>;

export const loginBody = z.strictObject({
  /** A username or a mobile number. */
  login: text(1, 64),
  password: secret(128),
});

export const roleGrant = z.object({
  id,
  role,
  nodeId: id,
  nodeName: z.string(),
  nodeKind: z.string(),
});
export type RoleGrant = z.infer<typeof roleGrant>;

export const account = z.object({
  id,
  username: z.string().nullable(),
  phone: z.string().nullable(),
  displayName: z.string(),
  /** Where notification emails go; null: none are sent. */
  email: z.string().nullable(),
  mustChangePassword: z.boolean(),
  status: z.enum(['active', 'disabled']),
  createdAt: z.string(),
});
export type Account = z.infer<typeof account>;

export const me = z.object({
  account,
  roles: z.array(roleGrant),
  csrfToken: z.string(),
});
export type Me = z.infer<typeof me>;

export const changePasswordBody = z.strictObject({
  currentPassword: secret(128),
  newPassword: password,
});

export const registerBody = z.strictObject({
  phone,
  displayName: text(1, 32),
  password,
  /** The room or town the resident belongs to; the city body when absent. */
  nodeId: id.optional(),
});

export const createAccountBody = z.strictObject({
  username: username.optional(),
  phone: phone.optional(),
  displayName: text(1, 32),
  email: z.email({ message: 'not a valid email address' }).max(254).optional(),
  /** The first password; the person must change it at first login. */
  initialPassword: password,
  grants: z
    .array(z.strictObject({ role, nodeId: id }))
    .max(20)
    .default([]),
});

export const grantRoleBody = z.strictObject({ role, nodeId: id });
export const accountParams = z.strictObject({ id });
export const grantParams = z.strictObject({ id, grantId: id });
export const accountListQuery = z.strictObject({
  q: text(0, 64).optional(),
  role: role.optional(),
  ...pageFields,
});
export const accountWithRoles = account.extend({ roles: z.array(roleGrant), abilities: z.record(z.string(), z.boolean()).optional() });
