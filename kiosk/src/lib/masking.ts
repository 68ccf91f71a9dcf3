/**
 * The shared masking rules, imported from their own small module: `@atrium/shared`'s index
 * also builds zod schemas at load time, which would put zod in the page bundle.
 *
 * The hub sends only masked names, phones and plates; the pages mask again before showing
 * anything (masking a masked value leaves it as it is), so a hub bug cannot put a full
 * number on a public screen.
 */
export { isValidPhone, maskName, maskPhone, maskPlate, normalizePhone, normalizePlate } from '../../../shared/src/rules/masking.js';
