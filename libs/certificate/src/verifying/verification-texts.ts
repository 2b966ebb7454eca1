import { type Locale, LOCALE_TAGS } from '@greenlight/common';

/** The check ids, in the order they are reported. */
export const CHECKS = ['signature', 'issuer', 'status', 'expiry', 'schema'] as const;
export type CheckId = (typeof CHECKS)[number];

const dateOf = (iso: string, locale: Locale) =>
  new Intl.DateTimeFormat(LOCALE_TAGS[locale], { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso));

/** Every sentence a verification can say, in plain English and French. */
export const verificationTexts = {
  en: {
    signatureOk: (kind: string) => `The ${kind} signature is valid: the credential is exactly as the issuer signed it.`,
    signatureBad: (why: string) =>
      `The signature does not check out: the credential was changed after signing, or it was not signed by the key it names (${why}).`,
    noProof: 'The credential carries no signature (no proof and no JWT).',
    issuerOurs: (name: string) => `Issued by ${name}, the issuer of this platform, with one of its published keys.`,
    issuerOther: (name: string) => `Issued by ${name}; the signing key is one the issuer publishes.`,
    issuerUnconfirmed: (why: string) => `The issuer could not be confirmed (${why}).`,
    statusOk: "Not revoked: the issuer's status list has this credential's bit clear.",
    statusRevoked: "Revoked: the issuer's status list marks this credential as no longer valid.",
    statusSuspended: "Suspended: the issuer's status list marks this credential as suspended.",
    statusOurs: (status: string) => `This platform records the certificate as ${status}.`,
    statusNone: 'The credential has no status list entry: its issuer does not revoke it through a list.',
    statusUnsupported: (type: string) => `Its status (${type}) is of a kind this verifier cannot check.`,
    statusUnreachable: (why: string) => `The status list could not be checked (${why}).`,
    expiryOk: (from: string, until: string | null, locale: Locale) =>
      `Valid from ${dateOf(from, locale)}${until ? ` until ${dateOf(until, locale)}` : ', with no end date'}.`,
    expiryNotYet: (from: string, locale: Locale) => `Not valid yet: it takes effect on ${dateOf(from, locale)}.`,
    expired: (until: string, locale: Locale) => `Expired on ${dateOf(until, locale)}.`,
    noDates: 'The credential gives no date from which it is valid.',
    schemaOk: "Valid against 1EdTech's Open Badges 3.0 AchievementCredential schema.",
    schemaBad: (why: string) => `Not valid against 1EdTech's Open Badges 3.0 schema: ${why}.`,
    schemaNotBadge: "Not an Open Badges 3.0 credential (type OpenBadgeCredential), so 1EdTech's schema does not apply.",
  },
  fr: {
    signatureOk: (kind: string) =>
      `La signature ${kind} est valide : l'attestation est exactement telle que l'émetteur l'a signée.`,
    signatureBad: (why: string) =>
      `La signature n'est pas valide : l'attestation a été modifiée après sa signature, ou elle n'a pas été signée par la clé qu'elle nomme (${why}).`,
    noProof: "L'attestation ne porte aucune signature (ni preuve ni JWT).",
    issuerOurs: (name: string) => `Émise par ${name}, l'émetteur de cette plateforme, avec une de ses clés publiées.`,
    issuerOther: (name: string) => `Émise par ${name} ; la clé de signature est publiée par l'émetteur.`,
    issuerUnconfirmed: (why: string) => `L'émetteur n'a pas pu être confirmé (${why}).`,
    statusOk: "Non révoquée : la liste d'état de l'émetteur n'a pas le bit de cette attestation.",
    statusRevoked: "Révoquée : la liste d'état de l'émetteur indique que cette attestation n'est plus valide.",
    statusSuspended: "Suspendue : la liste d'état de l'émetteur indique que cette attestation est suspendue.",
    statusOurs: (status: string) => `Cette plateforme indique que le certificat est ${statusFr[status] ?? status}.`,
    statusNone: "L'attestation n'a pas d'entrée de liste d'état : son émetteur ne la révoque pas par une liste.",
    statusUnsupported: (type: string) => `Son état (${type}) est d'un type que ce vérificateur ne sait pas lire.`,
    statusUnreachable: (why: string) => `La liste d'état n'a pas pu être consultée (${why}).`,
    expiryOk: (from: string, until: string | null, locale: Locale) =>
      `Valide à partir du ${dateOf(from, locale)}${until ? ` jusqu'au ${dateOf(until, locale)}` : ', sans date de fin'}.`,
    expiryNotYet: (from: string, locale: Locale) => `Pas encore valide : elle prend effet le ${dateOf(from, locale)}.`,
    expired: (until: string, locale: Locale) => `Expirée le ${dateOf(until, locale)}.`,
    noDates: "L'attestation n'indique pas de date de début de validité.",
    schemaOk: 'Conforme au schéma AchievementCredential Open Badges 3.0 de 1EdTech.',
    schemaBad: (why: string) => `Non conforme au schéma Open Badges 3.0 de 1EdTech : ${why}.`,
    schemaNotBadge:
      "Ce n'est pas une attestation Open Badges 3.0 (type OpenBadgeCredential) : le schéma de 1EdTech ne s'applique pas.",
  },
} satisfies Record<Locale, unknown>;

const statusFr: Record<string, string> = { revoked: 'révoqué', superseded: 'remplacé', expired: 'expiré' };

export type VerificationTexts = (typeof verificationTexts)['en'];
