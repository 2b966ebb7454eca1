import { colon, MessageTemplate } from './template';

export interface InvitationVars {
  moduleTitle: string;
  programName: string;
  signUpUrl: string;
}

/** To an address with no account yet: signing up with it and confirming it enrols them in the module. */
export const invitationTemplate: MessageTemplate<InvitationVars> = {
  en: ({ moduleTitle, programName, signUpUrl }) => ({
    subject: `You are invited${colon('en')}${moduleTitle}`,
    text: `Hello,\n\nYou are invited to take "${moduleTitle}", part of the ${programName}.\nCreate your account here with this address:\n${signUpUrl}\n\nWe then send you a link to confirm the address: you are enrolled as soon as you open it.\n`,
  }),
  fr: ({ moduleTitle, programName, signUpUrl }) => ({
    subject: `Vous êtes invité·e${colon('fr')}${moduleTitle}`,
    text: `Bonjour,\n\nVous êtes invité·e à suivre « ${moduleTitle} », dans le cadre du ${programName}.\nCréez votre compte ici avec cette adresse :\n${signUpUrl}\n\nNous vous envoyons ensuite un lien pour confirmer l’adresse : vous êtes inscrit·e dès que vous l’ouvrez.\n`,
  }),
};
