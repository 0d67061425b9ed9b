import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { publicJwks, PublicRoute } from '@registry/auth';
import type { JSONWebKeySet } from 'jose';
import type { KeyObject } from 'node:crypto';

export const SERVICE_SIGNING_KEY = Symbol('SERVICE_SIGNING_KEY');

class ServiceSigningKeyDto {
  @ApiProperty({ example: 'OKP', description: 'Key type (RFC 7517)' }) kty!: string;
  @ApiProperty({ description: 'The key id: its RFC 7638 thumbprint' }) kid!: string;
  @ApiProperty({ example: 'EdDSA' }) alg!: string;
  @ApiProperty({ enum: ['sig'] }) use!: string;
  @ApiPropertyOptional({ example: 'Ed25519' }) crv?: string;
  @ApiPropertyOptional({ description: 'Public key (OKP, EC), base64url' }) x?: string;
  @ApiPropertyOptional({ description: 'Public key (EC), base64url' }) y?: string;
  @ApiPropertyOptional({ description: 'Modulus (RSA), base64url' }) n?: string;
  @ApiPropertyOptional({ description: 'Exponent (RSA), base64url' }) e?: string;
}

class ServiceSigningKeysDto {
  @ApiProperty({ type: [ServiceSigningKeyDto] }) keys!: ServiceSigningKeyDto[];
}

/** The public half of contacts' own signing key, for sharing and audit to trust (AUTH_SERVICE_CALLER_JWKS_URL). */
@ApiTags('service identity')
@Controller('.well-known')
export class ServiceIdentityController {
  private jwks: Promise<JSONWebKeySet> | null = null;

  constructor(@Inject(SERVICE_SIGNING_KEY) private readonly privateKey: KeyObject) {}

  @Get('jwks.json')
  @PublicRoute()
  @ApiOperation({ operationId: 'getServiceSigningKeys', summary: 'The public key with which sharing and audit verify contacts’ own tokens' })
  @ApiOkResponse({ type: ServiceSigningKeysDto, description: 'A JWKS of public keys only' })
  keys(): Promise<JSONWebKeySet> {
    this.jwks ??= publicJwks(this.privateKey);
    return this.jwks;
  }
}
