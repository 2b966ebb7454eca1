import { ApiProperty } from '@nestjs/swagger';

export class UnsubscribeStatusDto {
  @ApiProperty({ description: 'true once the member opted out of reminders' })
  unsubscribed: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  unsubscribedAt: string | null;
}
