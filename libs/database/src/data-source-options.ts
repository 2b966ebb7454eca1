import { readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';

const ROOT = resolve(__dirname, '../../..');

/** Loads every class exported by the files of a folder, in file-name order (migrations are timestamped). */
function classesIn(dir: string, test: (file: string) => boolean): Function[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts') && test(f))
    .sort()
    .flatMap((f) => Object.values(require(join(dir, f))).filter((v): v is Function => typeof v === 'function'));
}

export function migrationClasses(): Function[] {
  return classesIn(join(ROOT, 'migrations'), (f) => !f.startsWith('index.'));
}

/** Entities are found by name so the TypeORM CLI (migration:generate) sees every service's tables. */
export function entityClasses(): Function[] {
  const libs = join(ROOT, 'libs');
  const found: Function[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.entity\.(ts|js)$/.test(entry.name)) found.push(...classesIn(dir, (f) => f === entry.name));
    }
  };
  if (existsSync(libs)) walk(libs);
  return found;
}

export function dataSourceOptions(url: string, poolSize = 20): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    namingStrategy: new SnakeNamingStrategy(),
    migrations: migrationClasses(),
    migrationsTableName: 'migrations',
    synchronize: false,
    extra: { max: poolSize, application_name: 'greenlight' },
  };
}
