import { Transform } from 'class-transformer';
import { IsEmail, IsString, Length, MaxLength } from 'class-validator';

/** Shared validation for the person fields of signUp and createUser. */
export const normalizeEmail = Transform(({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value,
);
export const trim = Transform(({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value,
);

export const EmailField = (): PropertyDecorator => (target, key) => {
  normalizeEmail(target, key);
  IsEmail({}, { message: 'email must be a valid email address' })(target, key);
  MaxLength(254)(target, key);
};

export const PasswordField = (): PropertyDecorator => (target, key) => {
  IsString()(target, key);
  Length(10, 128, { message: 'password must be between 10 and 128 characters' })(target, key);
};

export const NameField = (): PropertyDecorator => (target, key) => {
  trim(target, key);
  IsString()(target, key);
  Length(1, 100)(target, key);
};
