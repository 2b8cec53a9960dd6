import type { ErrorCode, ErrorDetail } from '@nang-tam/contracts';
import { AppError } from '../errors.js';
import type { AuthUser } from '../auth/auth-user.js';

/**
 * How a refused action is answered. Out of the user's reach is NOT_FOUND (the record does not
 * exist for them); in reach but not theirs to do is FORBIDDEN; in reach but not in this state is
 * the state's own code (CLASS_FINISHED, NOT_IN_CLASS …). The message, when given, replaces the
 * code's generic Vietnamese message.
 */
export interface Refusal {
  readonly code: ErrorCode;
  readonly message?: string;
  readonly details?: ErrorDetail[];
}

/** A rule's answer: allowed, or refused with how to say so. */
export type Verdict = true | Refusal;

export const allowed = true as const;
/** Out of reach: answer 404 exactly as for a record that does not exist. */
export const hidden: Refusal = Object.freeze({ code: 'NOT_FOUND' });
export const forbidden = (message?: string, details?: ErrorDetail[]): Refusal => ({ code: 'FORBIDDEN', message, details });
export const refuse = (code: ErrorCode, message?: string, details?: ErrorDetail[]): Refusal => ({ code, message, details });

/**
 * One rule: may `user` do this action to the record described by `facts`? Pure: the facts are
 * plain data the service loaded (through repositories) before asking; a rule never queries.
 */
export type Rule<F> = (user: AuthUser, facts: F) => Verdict;

/** The first refusal among checks evaluated in order, or allowed. */
export function firstRefusal(...checks: (() => Verdict)[]): Verdict {
  for (const check of checks) {
    const v = check();
    if (v !== true) return v;
  }
  return true;
}

export function refusalError(r: Refusal): AppError {
  return new AppError(r.code, r.details ?? [], r.message);
}

/** A resource's policy: one rule per action, over one kind of facts. */
export interface Policy<F, A extends string> {
  readonly resource: string;
  readonly actions: readonly A[];
  /** The verdict for one action. */
  decide(user: AuthUser, facts: F, action: A): Verdict;
  may(user: AuthUser, facts: F, action: A): boolean;
  /** Every action allowed, in the vocabulary's order: what a response advertises as `actions`. */
  allowedActions(user: AuthUser, facts: F): A[];
  /** Throws the refusal as an AppError (404 / 403 / the state's code) unless allowed. */
  authorize(user: AuthUser, facts: F, action: A): void;
}

/**
 * Defines a policy (outline's cancan `allow(User, 'update', Document, …)`, one module per
 * resource): `actions` is the vocabulary shared with the web (packages/contracts/src/actions.ts),
 * `rules` answers each of them. The type makes a rule for every action mandatory.
 */
export function definePolicy<F, const A extends string>(resource: string, actions: readonly A[], rules: { readonly [K in A]: Rule<F> }): Policy<F, A> {
  const decide = (user: AuthUser, facts: F, action: A): Verdict => rules[action](user, facts);
  return {
    resource,
    actions,
    decide,
    may: (user, facts, action) => decide(user, facts, action) === true,
    allowedActions: (user, facts) => actions.filter((a) => decide(user, facts, a) === true),
    authorize: (user, facts, action) => {
      const v = decide(user, facts, action);
      if (v !== true) throw refusalError(v);
    },
  };
}
