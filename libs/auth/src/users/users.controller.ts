import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../session/current-user.decorator';
import { AuthUser, Roles } from '../session/roles';
import { updateRoleSchema, UpdateRoleDto, userIdSchema, userSearchSchema, UserSearchDto } from '../dto/auth.dto';
import { userPageResponse, UserResponse, userResponse } from '../dto/auth-response.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Roles('staff')
  @ApiOkResponse({ standardSchema: userPageResponse })
  search(@Query({ schema: userSearchSchema }) query: UserSearchDto) {
    return this.users.search(query);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOkResponse({ standardSchema: userResponse, description: 'The user with the new role' })
  setRole(
    @CurrentUser() actor: AuthUser,
    @Param('id', { schema: userIdSchema }) id: string,
    @Body({ schema: updateRoleSchema }) body: UpdateRoleDto,
  ): Promise<UserResponse> {
    return this.users.setRole(actor.id, id, body.role);
  }
}
