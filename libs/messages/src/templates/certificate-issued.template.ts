import { colon, MessageTemplate } from './template';

export interface CertificateIssuedVars {
  name: string;
  moduleTitle: string;
  verifyUrl: string;
}

export const certificateIssuedTemplate: MessageTemplate<CertificateIssuedVars> = {
  en: ({ name, moduleTitle, verifyUrl }) => ({
    subject: `Your certificate${colon('en')}${moduleTitle}`,
    text: `Hello ${name},\n\nCongratulations on completing "${moduleTitle}". Your certificate is ready; anyone can verify it at:\n${verifyUrl}\n`,
  }),
  fr: ({ name, moduleTitle, verifyUrl }) => ({
    subject: `Votre certificat${colon('fr')}${moduleTitle}`,
    text: `Bonjour ${name},\n\nFélicitations, vous avez terminé « ${moduleTitle} ». Votre certificat est prêt; on peut le vérifier ici :\n${verifyUrl}\n`,
  }),
};
