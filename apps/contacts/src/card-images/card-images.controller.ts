import { Body, Controller, Delete, Get, Headers, HttpCode, Inject, Param, ParseUUIDPipe, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiNoContentResponse, ApiOkResponse, ApiCreatedResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequireRoles, type Principal } from '@registry/auth';
import { ApiRegistryErrors } from '@registry/platform';
import type { FastifyReply } from 'fastify';
import { CARD_IMAGE_MAX_BYTES } from './card-image-content';
import { CARD_IMAGE_MEDIA_TYPES, type CardImageEntity } from './card-image.entity';
import { CardImagesService } from './card-images.service';

/** The route Fastify knows the upload by, for its own body parser and size limit (see contacts.app.ts). */
export const CARD_IMAGE_ROUTE = '/contacts/:id/acquisitions/:acquisitionId/card-image';

export class CardImageResponse {
  @ApiProperty() contactId!: string;
  @ApiProperty() acquisitionId!: string;
  @ApiProperty({ enum: CARD_IMAGE_MEDIA_TYPES }) mediaType!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty({ description: 'Hex SHA-256 of the file' }) sha256!: string;
  @ApiProperty() uploadedBy!: string;
  @ApiProperty() uploadedAt!: string;

  static from(image: CardImageEntity): CardImageResponse {
    return {
      contactId: image.contactId,
      acquisitionId: image.acquisitionId,
      mediaType: image.mediaType,
      sizeBytes: image.sizeBytes,
      sha256: image.sha256,
      uploadedBy: image.uploadedBy,
      uploadedAt: image.uploadedAt.toISOString(),
    };
  }
}

const FILE_SCHEMA = { type: 'string', format: 'binary' } as const;
const FILE_CONTENT = Object.fromEntries(CARD_IMAGE_MEDIA_TYPES.map((type) => [type, { schema: FILE_SCHEMA }]));
const REACH = {
  401: 'UNAUTHENTICATED: no bearer token, or one that does not verify',
  403: 'FORBIDDEN: not sales staff or the administrator; ACQUISITION_OF_ANOTHER_COMPANY: the acquisition is another company’s',
  404: 'CONTACT_NOT_FOUND: no such contact acquired by your company; ACQUISITION_NOT_FOUND; CARD_IMAGE_NOT_FOUND',
  409: 'CONTACT_SUSPENDED: the person’s use is suspended at their request (sales staff)',
} as const;

/** The card image of an acquisition: intake-only, never shared, in the disclosure bundle, erased with the person. */
@ApiTags('card images')
@ApiBearerAuth()
@Controller('contacts/:id/acquisitions/:acquisitionId/card-image')
export class CardImagesController {
  constructor(@Inject(CardImagesService) private readonly images: CardImagesService) {}

  @Put()
  @RequireRoles('sales', 'admin')
  @ApiOperation({
    operationId: 'putCardImage',
    summary: 'Upload (or replace) the card image of an acquisition of the caller’s company',
    description: `The raw file as the body, with content-type image/jpeg, image/png or application/pdf, at most ${CARD_IMAGE_MAX_BYTES} bytes (5 MiB); its first bytes must be of that type.`,
  })
  @ApiConsumes(...CARD_IMAGE_MEDIA_TYPES)
  @ApiBody({ schema: FILE_SCHEMA })
  @ApiCreatedResponse({ type: CardImageResponse, description: 'The acquisition had no card image' })
  @ApiOkResponse({ type: CardImageResponse, description: 'The card image replaced the one before' })
  @ApiRegistryErrors({
    ...REACH,
    400: 'CARD_IMAGE_EMPTY: the body is empty; or a path parameter is not a UUID',
    413: `PAYLOAD_TOO_LARGE: the file is over ${CARD_IMAGE_MAX_BYTES} bytes (5 MiB)`,
    415: 'CARD_IMAGE_TYPE_UNSUPPORTED: not image/jpeg, image/png or application/pdf; CARD_IMAGE_CONTENT_MISMATCH: the first bytes are not of the declared type',
  })
  async put(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe()) contactId: string,
    @Param('acquisitionId', new ParseUUIDPipe()) acquisitionId: string,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CardImageResponse> {
    const { image, created } = await this.images.put(principal, { contactId, acquisitionId }, contentType, body);
    void reply.status(created ? 201 : 200);
    return CardImageResponse.from(image);
  }

  @Get()
  @RequireRoles('sales', 'admin')
  @ApiOperation({ operationId: 'getCardImage', summary: 'The card image of an acquisition of the caller’s company, as uploaded, with its type' })
  @ApiOkResponse({ content: FILE_CONTENT, description: 'The file, served so that no browser runs anything in it (sandboxed, never sniffed, never cached)' })
  @ApiRegistryErrors(REACH)
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe()) contactId: string,
    @Param('acquisitionId', new ParseUUIDPipe()) acquisitionId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const image = await this.images.get(principal, { contactId, acquisitionId });
    const extension = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' }[image.mediaType];
    await reply
      .header('content-type', image.mediaType)
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', `inline; filename="card-${acquisitionId}.${extension}"`)
      .header('content-security-policy', "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'")
      .header('cache-control', 'private, no-store')
      .send(image.content);
  }

  @Delete()
  @HttpCode(204)
  @RequireRoles('sales', 'admin')
  @ApiOperation({ operationId: 'deleteCardImage', summary: 'Delete the card image of an acquisition of the caller’s company' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiRegistryErrors(REACH)
  async delete(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe()) contactId: string,
    @Param('acquisitionId', new ParseUUIDPipe()) acquisitionId: string,
  ): Promise<void> {
    await this.images.delete(principal, { contactId, acquisitionId });
  }
}
