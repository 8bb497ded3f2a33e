import { hash, verify } from '@node-rs/argon2';

/*
 * argon2id with OWASP's minimum (19 MiB, 2 passes, 1 lane): about 30-50 ms a hash on this
 * machine, slow for guessing, fast enough for people logging in.
 */
// algorithm 2 is Argon2id in @node-rs/argon2's (const) enum.
const options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 };

/** Hashes a password with argon2id. */
export const hashPassword = (password: string): Promise<string> => hash(password, options);

/** Verifies a password against its hash; false on any malformed hash. */
export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/**
 * A hash to verify against when the login names no account, so that the time taken does not
 * tell whether an account exists.
 */
export const dummyHash = (): Promise<string> => (dummy ??= hashPassword('no-such-account-' + Math.random()));
