import { Inject } from '@nestjs/common';
import { APP_CONFIG } from './config.module';

export const InjectConfig = () => Inject(APP_CONFIG);
