import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { AuthUser, CurrentUser } from '@greenlight/auth';
import type { Locale } from '@greenlight/common';
import { idParam } from '../enrolments/dto/enrolment.dto';
import { RequestLocale } from '../request-locale.decorator';
import { AttemptDto, attemptSchema } from './dto/attempt.dto';
import { ATTEMPT_ANSWERS_DESCRIPTION } from '../grading/answers.schema';
import { QuizAttemptService } from './quiz-attempt.service';
import { attemptResponse, pastAttemptResponse } from './dto/attempt-response.dto';

@ApiTags('progress')
@ApiBearerAuth()
@Controller('enrolments/:id/quizzes/:itemId/attempts')
export class QuizAttemptController {
  constructor(private readonly quizzes: QuizAttemptService) {}

  @Post()
  @ApiBody({
    schema: {
      type: 'object',
      required: ['answers'],
      properties: {
        answers: { type: 'object', description: ATTEMPT_ANSWERS_DESCRIPTION },
      },
    },
  })
  @ApiCreatedResponse({
    standardSchema: attemptResponse,
    description:
      '{id, score (0–100), passed, answers (as sent), results:[{questionId, correct, feedback?}], attemptsLeft}; 400 unknown question ids; 422 when no attempts are left or already passed',
  })
  submit(
    @Param('id', { schema: idParam }) id: string,
    @Param('itemId', { schema: idParam }) itemId: string,
    @Body({ schema: attemptSchema }) body: AttemptDto,
    @CurrentUser() user: AuthUser,
    @RequestLocale() locale: Locale,
  ) {
    return this.quizzes.submit(user, id, itemId, body.answers, locale);
  }

  @Get()
  @ApiOkResponse({
    standardSchema: z.array(pastAttemptResponse),
    description:
      '[{id, number, score, passed, answers (as sent), results:[{questionId, correct, feedback?}], createdAt}]',
  })
  list(
    @Param('id', { schema: idParam }) id: string,
    @Param('itemId', { schema: idParam }) itemId: string,
    @CurrentUser() user: AuthUser,
  ) {
    return this.quizzes.list(user, id, itemId);
  }
}
