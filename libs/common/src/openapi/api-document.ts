import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** Every route under /api, except the well-known documents that outside verifiers fetch at fixed paths. */
export function useApiPrefix(app: INestApplication): void {
  app.setGlobalPrefix('api', { exclude: ['.well-known/{*path}'] });
}

/** The OpenAPI document of an app's routes: what /api/docs-json serves and what the web's types come from. */
export function apiDocument(app: INestApplication, title: string): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(`Greenlight — ${title}`)
      .setDescription('Short professional-development courses with verifiable certificates. See API.md.')
      .setVersion('1')
      .addBearerAuth()
      .addCookieAuth('gl_session')
      .build(),
  );
}
