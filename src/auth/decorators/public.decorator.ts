import { SetMetadata } from '@nestjs/common';
import { Extensions } from '@nestjs/graphql';
import { FIELD_ACCESS, PUBLIC } from '../../common/graphql/field-access.js';

export const IS_PUBLIC = 'auth:isPublic';

/**
 * Marks an operation that needs no access token (signUp, login, refreshToken, health); on a
 * GraphQL operation the schema says so too (the field-access test reads it).
 */
export const Public =
  (): MethodDecorator & ClassDecorator =>
  (target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => {
    SetMetadata(IS_PUBLIC, true)(target, key as string | symbol, descriptor as PropertyDescriptor);
    if (key !== undefined && descriptor)
      Extensions({ [FIELD_ACCESS]: PUBLIC })(target, key, descriptor);
  };
