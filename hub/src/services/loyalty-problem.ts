import { DomainProblem } from './domain-problem.js';
/** A loyalty request that cannot be done, with a code the API maps to a status and the kiosk to a message. */
export class LoyaltyProblem extends DomainProblem<'invalid' | 'not_found' | 'insufficient_points' | 'out_of_stock' | 'not_eligible' | 'negative_balance'> {}
