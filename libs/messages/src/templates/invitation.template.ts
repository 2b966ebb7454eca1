import { colon, MessageTemplate } from './template';

export interface InvitationVars {
  moduleTitle: string;
  programName: string;
  signUpUrl: string;
}

/** To an address with no account yet: signing up through the link enrols them in the module. */
export const invitationTemplate: MessageTemplate<InvitationVars> = {
  en: ({ moduleTitle, programName, signUpUrl }) => ({
    subject: `You are invited${colon('en')}${moduleTitle}`,
    text: `Hello,\n\nYou are invited to take "${moduleTitle}", part of the ${programName}.\nCreate your account here and you will be enrolled straight away:\n${signUpUrl}\n`,
  }),
  fr: ({ moduleTitle, programName, signUpUrl }) => ({
    subject: `Vous êtes invité·e${colon('fr')}${moduleTitle}`,
    text: `Bonjour,\n\nVous êtes invité·e à suivre « ${moduleTitle} », dans le cadre du ${programName}.\nCréez votre compte ici et vous serez inscrit·e aussitôt :\n${signUpUrl}\n`,
  }),
};
