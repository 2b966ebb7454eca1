import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'greenlight:public';

/** Anyone may call this route; a valid session, when present, is still read (staff see more). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
