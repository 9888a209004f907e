import net from 'node:net';

/**
 * Free TCP ports for the servers dev, demo and tests start, chosen at run time so that a second
 * checkout, a developer's own PostgreSQL or anything else already listening never breaks a run.
 */

/** Listens on host:port for a moment: resolves true when that worked, false when it is taken. */
function canListen(port: number, host: string): Promise<boolean | 'unsupported'> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', (error: NodeJS.ErrnoException) => {
      // A machine without IPv6 cannot bind '::': that says nothing about the port.
      resolve(
        error.code === 'EAFNOSUPPORT' || error.code === 'EADDRNOTAVAIL' ? 'unsupported' : false,
      );
    });
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * True when nothing listens on the port, on any address: a server on 127.0.0.1, on ::1 or on
 * every interface all make it taken (the servers started here bind 127.0.0.1 or every interface).
 */
export async function isPortFree(port: number): Promise<boolean> {
  for (const host of ['127.0.0.1', '::1', '0.0.0.0', '::']) {
    if ((await canListen(port, host)) === false) return false;
  }
  return true;
}

/** A port the system has just handed out as free (its ephemeral range: two runs rarely meet). */
export function ephemeralPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1', exclusive: true }, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * `preferred` when it is free, else the next free port above it (up to `attempts` tried); 0 asks
 * the system for any free port. Throws naming the ports tried when none is free.
 */
export async function findFreePort(preferred: number, attempts = 50): Promise<number> {
  if (preferred === 0) {
    for (let i = 0; i < 10; i++) {
      const port = await ephemeralPort();
      if (await isPortFree(port)) return port;
    }
    throw new Error('no free port found in the system range');
  }
  for (let port = preferred; port < preferred + attempts && port <= 65535; port++) {
    if (await isPortFree(port)) return port;
  }
  throw new Error(
    `ports ${preferred}-${preferred + attempts - 1} are all in use; stop what listens there or choose another port`,
  );
}

/** "3000" or "3001 (3000 is in use)": says why a server did not get its usual port. */
export function describePort(port: number, preferred: number): string {
  return port === preferred || preferred === 0 ? String(port) : `${port} (${preferred} is in use)`;
}

/**
 * Starts a server on `preferred` or the next free port (any port for 0); when another process
 * takes the chosen port between the check and the listen (EADDRINUSE), tries the next one.
 * With `strict`, fails naming the port instead of moving on.
 */
export async function startOnFreePort<T>(
  what: string,
  preferred: number,
  start: (port: number) => Promise<T>,
  strict = false,
): Promise<{ server: T; port: number }> {
  let next = preferred;
  for (let attempt = 1; ; attempt++) {
    if (strict && preferred !== 0 && !(await isPortFree(preferred))) {
      throw new Error(
        `${what}: port ${preferred} is in use. Stop what listens there, or choose another port.`,
      );
    }
    const port = strict ? preferred : await findFreePort(next);
    try {
      return { server: await start(port), port };
    } catch (error) {
      const taken = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
      if (!taken || strict || attempt >= 5) throw error;
      next = preferred === 0 ? 0 : port + 1;
    }
  }
}
