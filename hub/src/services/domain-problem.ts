/**
 * A request the domain refuses, with a code that says why. Every service's
 * problem extends this, so the HTTP layer maps codes to statuses in one place
 * (transport/http/http-kit.ts) and the kiosk layer to its error codes.
 */
export class DomainProblem<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
  ) {
    super(message);
  }
}
