/** Error responses in the shapes the real API uses: `{statusCode, message, error}` (+ traceId). */

export const INVALID_JWT = 'Invalid JWT';
export const SCOPE_MISSING = 'The token is not authorized for this scope.';
export const NO_LOCATION_ACCESS = 'The token does not have access to this location.';

export type ErrorBody = { statusCode: number; message: string | string[]; error: string };

/** Thrown by routes and checks; the server turns it into the response (adding traceId). */
export class SimHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
    readonly headers: Record<string, string> = {},
    /** A non-JSON body (e.g. a gateway's HTML 502). */
    readonly raw?: { contentType: string; text: string },
  ) {
    super(Array.isArray(body.message) ? body.message.join(', ') : body.message);
  }
}

export function badRequest(message: string): SimHttpError {
  return new SimHttpError(400, { statusCode: 400, message, error: 'Bad Request' });
}

export function unauthorized(message: string): SimHttpError {
  return new SimHttpError(401, { statusCode: 401, message, error: 'Unauthorized' });
}

export function forbidden(message = NO_LOCATION_ACCESS): SimHttpError {
  return new SimHttpError(403, { statusCode: 403, message, error: 'Forbidden' });
}

export function notFound(message: string): SimHttpError {
  return new SimHttpError(404, { statusCode: 404, message, error: 'Not Found' });
}

/** 422 with class-validator style messages (always an array, as the real API sends). */
export function unprocessable(messages: string[]): SimHttpError {
  return new SimHttpError(422, {
    statusCode: 422,
    message: messages,
    error: 'Unprocessable Entity',
  });
}

export function tooManyRequests(headers: Record<string, string>): SimHttpError {
  return new SimHttpError(
    429,
    { statusCode: 429, message: 'Too Many Requests', error: 'Too Many Requests' },
    headers,
  );
}

/** 500 and 503 come back as JSON; 502 as a gateway's HTML page, as proxies do. */
export function serverError(status: 500 | 502 | 503): SimHttpError {
  if (status === 502) {
    return new SimHttpError(
      502,
      { statusCode: 502, message: 'Bad Gateway', error: 'Bad Gateway' },
      {},
      {
        contentType: 'text/html',
        text: '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>\n',
      },
    );
  }
  if (status === 503) {
    return new SimHttpError(503, {
      statusCode: 503,
      message: 'Service Unavailable',
      error: 'Service Unavailable',
    });
  }
  return new SimHttpError(500, {
    statusCode: 500,
    message: 'Internal server error',
    error: 'Internal Server Error',
  });
}

/** Collects validation problems and throws one 422 with all of them. */
export class Problems {
  readonly list: string[] = [];

  add(message: string): void {
    this.list.push(message);
  }

  throwIfAny(): void {
    if (this.list.length > 0) throw unprocessable(this.list);
  }
}
