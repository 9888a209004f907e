import type { GhlError } from '../errors';

/** The error a call rejects with; throws when it resolves instead. */
export async function failure<E extends GhlError = GhlError>(
  promise: Promise<unknown>,
): Promise<E> {
  try {
    await promise;
  } catch (error) {
    return error as E;
  }
  throw new Error('expected the call to fail');
}
