import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { publicJwks, PublicRoute } from '@registry/auth';
import type { JSONWebKeySet } from 'jose';
import type { KeyObject } from 'node:crypto';

export const SERVICE_SIGNING_KEY = Symbol('SERVICE_SIGNING_KEY');

/** The public half of contacts' own signing key, for sharing and audit to trust (AUTH_SERVICE_CALLER_JWKS_URL). */
@ApiTags('service identity')
@Controller('.well-known')
export class ServiceIdentityController {
  private jwks: Promise<JSONWebKeySet> | null = null;

  constructor(@Inject(SERVICE_SIGNING_KEY) private readonly privateKey: KeyObject) {}

  @Get('jwks.json')
  @PublicRoute()
  @ApiOperation({ operationId: 'getServiceSigningKeys', summary: 'The public key with which sharing and audit verify contacts’ own tokens' })
  keys(): Promise<JSONWebKeySet> {
    this.jwks ??= publicJwks(this.privateKey);
    return this.jwks;
  }
}
