import { MessageTemplate } from './template';

export interface AccountLinkVars {
  name: string;
  programName: string;
  link: string;
}

/** Asked for on the sign-in page ("Forgot your password?"); the link opens /reset-password. */
export const passwordResetTemplate: MessageTemplate<AccountLinkVars> = {
  en: ({ name, programName, link }) => ({
    subject: `Reset your ${programName} password`,
    text: `Hello ${name},\n\nSomeone (we hope you) asked to reset the password of your ${programName} account.\nChoose a new password here; the link works once, for one hour:\n${link}\n\nIf you did not ask, ignore this email: your password stays as it is.\n`,
  }),
  fr: ({ name, programName, link }) => ({
    subject: `Réinitialiser votre mot de passe — ${programName}`,
    text: `Bonjour ${name},\n\nQuelqu’un (vous, nous l’espérons) a demandé à réinitialiser le mot de passe de votre compte ${programName}.\nChoisissez un nouveau mot de passe ici ; le lien fonctionne une fois, pendant une heure :\n${link}\n\nSi vous n’avez rien demandé, ignorez ce courriel : votre mot de passe reste le même.\n`,
  }),
};

/** Sent at registration; the link opens the verification landing page. */
export const emailVerificationTemplate: MessageTemplate<AccountLinkVars> = {
  en: ({ name, programName, link }) => ({
    subject: `Confirm your email for the ${programName}`,
    text: `Hello ${name},\n\nPlease confirm that this is your email address; the link works once, for one hour:\n${link}\n`,
  }),
  fr: ({ name, programName, link }) => ({
    subject: `Confirmez votre adresse courriel — ${programName}`,
    text: `Bonjour ${name},\n\nVeuillez confirmer que cette adresse courriel est bien la vôtre ; le lien fonctionne une fois, pendant une heure :\n${link}\n`,
  }),
};
