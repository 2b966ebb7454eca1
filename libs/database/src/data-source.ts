import { DataSource } from 'typeorm';
import { loadConfig } from '@greenlight/config';
import { dataSourceOptions, entityClasses } from './data-source-options';

/** The DataSource the TypeORM CLI uses (`npm run migration:generate`, `npm run migration:run`). */
const config = loadConfig();
export default new DataSource({ ...dataSourceOptions(config.DATABASE_URL), entities: entityClasses() });
