import { z } from 'zod';
import { locationIdInputSchema } from '@/lib/location-id';

/** Who can sign in: admins see every location, staff only the locations listed for them. */
export const ROLES = ['admin', 'staff'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const MIN_PASSWORD_LENGTH = 12;

/** Emails are compared and stored lower-cased, so sign-in ignores case. */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'expected an email address such as ana@example.com' }));

export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, { message: `expected at least ${MIN_PASSWORD_LENGTH} characters` })
  .max(1024, { message: 'expected at most 1024 characters' });

/** A new dashboard user, as the CLI (and, later, an admin screen) submits it. */
export const newUserSchema = z
  .object({
    email: emailSchema,
    name: z.string().trim().min(1, { message: 'expected a name' }).max(200),
    role: z.enum(ROLES, { message: 'expected admin or staff' }),
    password: passwordSchema,
    /** The locations a staff user may see; admins see every location and must not list any. */
    locationIds: z.array(locationIdInputSchema).default([]),
  })
  .refine((user) => user.role === 'staff' || user.locationIds.length === 0, {
    message: 'admins see every location; --locations is for staff only',
    path: ['locationIds'],
  });

export type NewUserInput = z.input<typeof newUserSchema>;

/** Location ids as a form or the admin screen sends them: a list, or one comma-separated text. */
const locationIdsSchema = z.preprocess(
  (value) =>
    typeof value === 'string' ? value.split(',').filter((id) => id.trim() !== '') : value,
  z
    .array(locationIdInputSchema)
    .max(10_000)
    .default([])
    .transform((ids) => [...new Set(ids)].sort()),
);

const staffOnlyLocations = {
  message: 'admins see every location; choose locations for staff only',
  path: ['locationIds'],
};

/** Role and location grants of a user, as the admin screen changes them. */
export const userAccessSchema = z
  .object({
    role: z.enum(ROLES, { message: 'expected admin or staff' }),
    locationIds: locationIdsSchema,
  })
  .refine((user) => user.role === 'staff' || user.locationIds.length === 0, staffOnlyLocations);

/** A user added from the admin screen: no password; they set it through a one-time link. */
export const addUserSchema = z
  .object({
    email: emailSchema,
    name: z.string().trim().min(1, { message: 'expected a name' }).max(200),
    role: z.enum(ROLES, { message: 'expected admin or staff' }),
    locationIds: locationIdsSchema,
  })
  .refine((user) => user.role === 'staff' || user.locationIds.length === 0, staffOnlyLocations);
export type AddUserInput = z.output<typeof addUserSchema>;
export type NewUser = z.output<typeof newUserSchema>;

/** A user as listed to admins: never the password hash. */
export type UserSummary = {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** Empty for admins (they see every location). */
  locationIds: string[];
  createdAt: Date;
};

/** Narrows a stored role; anything unexpected is treated as the least privileged role. */
export function toRole(value: string): Role {
  return roleSchema.safeParse(value).data ?? 'staff';
}
