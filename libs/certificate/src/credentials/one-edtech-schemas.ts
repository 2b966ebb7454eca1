import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Ajv2019, ValidateFunction } from 'ajv/dist/2019';
import addFormats from 'ajv-formats';

/**
 * 1EdTech's Open Badges 3.0 JSON Schemas (draft 2019-09), kept unchanged in standards/openbadges-3.0 at
 * the repository's root: found upwards from here, from the sources and from the compiled build alike.
 */
function schemaDir(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'standards', 'openbadges-3.0');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error('standards/openbadges-3.0 not found above ' + __dirname);
  }
}

export interface OneEdTechSchemas {
  achievementCredential: ValidateFunction;
  profile: ValidateFunction;
}

let compiled: OneEdTechSchemas | undefined;

/** Both schemas compiled once per process (ajv with formats, every error reported). */
export function oneEdTechSchemas(): OneEdTechSchemas {
  if (!compiled) {
    const ajv = new Ajv2019({ allErrors: true, strict: false });
    addFormats(ajv);
    const load = (file: string) => JSON.parse(readFileSync(join(schemaDir(), file), 'utf8'));
    compiled = {
      achievementCredential: ajv.compile(load('ob_v3p0_achievementcredential.schema.json')),
      profile: ajv.compile(load('ob_v3p0_profile.schema.json')),
    };
  }
  return compiled;
}

/** The raw AchievementCredential schema, for a verifier that asks for it by URL. */
export function achievementCredentialSchemaDocument(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(schemaDir(), 'ob_v3p0_achievementcredential.schema.json'), 'utf8'));
}
