import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { QueueName } from '../queue.constants';
import { queueDispatcher } from './queue-dispatcher';

/**
 * Mounts the dispatcher of one queue. The service that consumes the queue imports it next to its
 * `@ProcessesJob` providers; importing it twice still gives one dispatcher (Nest shares the module).
 */
@Module({})
export class JobDispatchModule {
  static forQueue(queue: QueueName): DynamicModule {
    return {
      module: JobDispatchModule,
      imports: [DiscoveryModule],
      providers: [queueDispatcher(queue)],
    };
  }
}
