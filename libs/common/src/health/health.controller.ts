import { Controller, Get, HttpCode, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, TypeOrmHealthIndicator, HealthIndicatorService } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { Redis } from 'ioredis';
import { Public } from '../public.decorator';
import { REDIS_CONNECTION } from '../redis/redis.module';
import { HealthDetails } from './health-details';
import { healthFailureResponse, healthResponse } from './health-response.dto';

const TIMEOUT_MS = 1500;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicator: HealthIndicatorService,
    @Inject(REDIS_CONNECTION) private readonly redis: Redis,
    private readonly details: HealthDetails,
  ) {}

  @Public()
  @Get()
  @HttpCode(200)
  @ApiOkResponse({ standardSchema: healthResponse })
  @ApiServiceUnavailableResponse({
    standardSchema: healthFailureResponse,
    description: 'A dependency is down; checks names it',
  })
  async check(@Res({ passthrough: true }) reply: FastifyReply) {
    try {
      const result = await this.health.check([
        () => this.db.pingCheck('database', { timeout: TIMEOUT_MS }),
        () => this.pingRedis(),
      ]);
      const details = await this.details.collect();
      return { status: 'ok', checks: this.summarise(result.details), ...(details && { details }) };
    } catch (error) {
      const details = ((error as ServiceUnavailableException).getResponse?.() as { details?: object })?.details ?? {};
      reply.status(503);
      return { status: 'error', checks: this.summarise(details) };
    }
  }

  private async pingRedis() {
    const check = this.indicator.check('redis');
    try {
      const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), TIMEOUT_MS).unref());
      await Promise.race([this.redis.ping(), timeout]);
      return check.up();
    } catch {
      return check.down();
    }
  }

  private summarise(details: object): Record<string, 'up' | 'down'> {
    return Object.fromEntries(
      Object.entries(details).map(([name, value]) => [
        name,
        (value as { status: string }).status === 'up' ? 'up' : 'down',
      ]),
    );
  }
}
