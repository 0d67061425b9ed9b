import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { ContactsErrorCode, ContactsException } from './contacts.exception';
import { myNumberPaths } from './my-number';

/** Refuses, before validation and before anything is stored, any body that holds a My Number in any field. */
@Injectable()
export class MyNumberRefusalInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const body = context.switchToHttp().getRequest<{ body?: unknown }>().body;
    const fields = myNumberPaths(body);
    if (fields.length > 0) {
      throw new ContactsException(
        ContactsErrorCode.SpecifiedPersonalInformation,
        'The request holds what looks like a My Number (individual number). Specified personal information may not be kept in this registry; remove it and send again.',
        fields.map((field) => ({ field, rule: 'noMyNumber', message: `${field} holds a 12-digit number with a valid My Number check digit` })),
      );
    }
    return next.handle();
  }
}
