import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { AuthUser, CurrentUser, Roles } from '@greenlight/auth';
import { pickLocale } from '@greenlight/common';
import { ATTEMPT_ANSWERS_DESCRIPTION, attemptAnswers } from '@greenlight/progress/grading';
import { previewModuleResponse } from '../catalog/dto/catalog-response.dto';
import { previewAttemptResponse } from './dto/authoring.dto';
import { PreviewService } from './preview.service';

const slugParam = z.string().min(1).max(100);
const itemParam = z.uuid();
const lang = z.string().max(35).optional();
const viewQuery = z.strictObject({ lang, track: z.string().max(100).optional() });
const langQuery = z.strictObject({ lang });
const attemptBody = z.strictObject({ answers: attemptAnswers });

/** Staff try the draft as a member would: nothing is recorded, no one is enrolled. */
@ApiTags('authoring')
@ApiBearerAuth()
@Roles('staff')
@Controller('modules/:slug/preview')
export class PreviewController {
  constructor(private readonly preview: PreviewService) {}

  @Get()
  @ApiOkResponse({
    standardSchema: previewModuleResponse,
    description:
      'The draft as GET /api/modules/:slug shows a module (no answer key), with only the units of ?track= (required when the module has tracks)',
  })
  view(
    @Param('slug', { schema: slugParam }) slug: string,
    @Query({ schema: viewQuery }) query: z.infer<typeof viewQuery>,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @CurrentUser() user: AuthUser,
  ) {
    return this.preview.view(slug, query.track, pickLocale(query.lang, acceptLanguage, user.locale));
  }

  @Post('quizzes/:itemId/attempts')
  @HttpCode(200)
  @ApiBody({
    schema: {
      type: 'object',
      required: ['answers'],
      properties: {
        answers: { type: 'object', description: ATTEMPT_ANSWERS_DESCRIPTION },
      },
    },
  })
  @ApiOkResponse({
    standardSchema: previewAttemptResponse,
    description: 'Graded against the draft; nothing is recorded',
  })
  grade(
    @Param('slug', { schema: slugParam }) slug: string,
    @Param('itemId', { schema: itemParam }) itemId: string,
    @Body({ schema: attemptBody }) body: z.infer<typeof attemptBody>,
    @Query({ schema: langQuery }) query: z.infer<typeof langQuery>,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @CurrentUser() user: AuthUser,
  ) {
    return this.preview.grade(slug, itemId, body.answers, pickLocale(query.lang, acceptLanguage, user.locale));
  }
}
