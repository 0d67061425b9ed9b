import { ApiRegistryErrors } from '@registry/platform';
import { Controller, Get, Header, Inject, NotFoundException, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { RequireRoles } from '@registry/auth';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { Readable } from 'node:stream';
import { ChainExportService } from './chain-export.service';
import { CHAIN_NAMES, type ChainName } from './chains';
import { CheckpointsService, type Checkpoint } from './checkpoints.service';
import { CheckpointResponse, ScheduledVerificationResponse, VerificationReportResponse } from './dto/chain.responses';
import { SealSigner } from './seal-signer';
import { VerificationScheduleService, type ScheduledVerificationStatus } from './verification-schedule.service';
import { VerificationService, type VerificationReport } from './verification.service';

export class VerifyQuery {
  @ApiPropertyOptional({ description: 'Recompute every chain from its beginning (or its last retention purge) instead of from the last verified checkpoint' })
  @IsOptional()
  @Type(() => String)
  @IsIn(['true', 'false'])
  full?: 'true' | 'false';
}

export class CheckpointsQuery {
  @ApiPropertyOptional({ enum: CHAIN_NAMES }) @IsOptional() @IsIn(CHAIN_NAMES) chain?: ChainName;
  @ApiPropertyOptional({ type: Number, default: 20, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit = 20;
}

export class ChainParam {
  @ApiProperty({ enum: CHAIN_NAMES }) @IsIn(CHAIN_NAMES) chain!: ChainName;
}

@ApiTags('audit chain')
@ApiBearerAuth()
@Controller('audit')
export class ChainController {
  constructor(
    @Inject(VerificationService) private readonly verification: VerificationService,
    @Inject(CheckpointsService) private readonly checkpoints: CheckpointsService,
    @Inject(SealSigner) private readonly signer: SealSigner,
    @Inject(ChainExportService) private readonly exports: ChainExportService,
    @Inject(VerificationScheduleService) private readonly schedule: VerificationScheduleService,
  ) {}

  @Get('verify')
  @RequireRoles('admin')
  @ApiOperation({ operationId: 'verifyAuditChain', summary: 'Recompute the hash chains: "INTACT" with each head, or the first broken record of each chain' })
  @ApiOkResponse({ type: VerificationReportResponse, description: 'The report, also kept as the latest (a broken chain is reported here, not as an error)' })
  async verify(@Query() query: VerifyQuery): Promise<VerificationReport> {
    return this.verification.verify(query.full === 'true' ? 'FULL' : 'INCREMENTAL');
  }

  @Get('verifications/latest')
  @RequireRoles('admin')
  @ApiOperation({ operationId: 'getLatestVerification', summary: 'The report of the last verification' })
  @ApiOkResponse({ type: VerificationReportResponse })
  @ApiRegistryErrors({ 404: 'NOT_FOUND: the chains have never been verified' })
  async latest(): Promise<VerificationReport> {
    const report = await this.verification.latest();
    if (!report) throw new NotFoundException('The audit chains have not been verified yet: run GET /audit/verify');
    return report;
  }

  @Get('verifications/schedule')
  @RequireRoles('admin')
  @ApiOperation({ operationId: 'getVerificationSchedule', summary: 'The background verifications: interval and when each last started and finished' })
  @ApiOkResponse({ type: [ScheduledVerificationResponse], description: 'The incremental verification, then the full one' })
  async scheduled(): Promise<ScheduledVerificationStatus[]> {
    return this.schedule.status();
  }

  @Get('chains/:chain/export')
  @RequireRoles('admin')
  @ApiOperation({ operationId: 'exportAuditChain',
    summary: 'Every record of a chain with its sequence number, link and hash, oldest first, as JSON lines: the input of the command-line verifier (npm run audit:verify)',
  })
  @ApiOkResponse({
    description:
      'An attachment (chain-<chain>-<time>.jsonl), one JSON object a line, each ended by a newline: {"seq": "<decimal>", "prevHash": "<hex SHA-256>", "hash": "<hex SHA-256>", ' +
      '"record": {…}}, where record is exactly the object whose canonical JSON (keys sorted) is hashed after prevHash: chain, seq and the record’s fields. ' +
      'Empty for a chain with no records.',
    content: { 'application/x-ndjson': { schema: { type: 'string', description: 'JSON lines, one chain record a line' } } },
  })
  export(@Param() params: ChainParam): StreamableFile {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    return new StreamableFile(Readable.from(this.exports.lines(params.chain)), {
      type: 'application/x-ndjson; charset=utf-8',
      disposition: `attachment; filename="chain-${params.chain}-${stamp}.jsonl"`,
    });
  }

  @Get('checkpoints')
  @RequireRoles('admin')
  @ApiOperation({ operationId: 'listCheckpoints', summary: 'Signed checkpoints of the chain heads, newest first' })
  @ApiOkResponse({ type: [CheckpointResponse] })
  async list(@Query() query: CheckpointsQuery): Promise<Checkpoint[]> {
    return this.checkpoints.list(query.chain, query.limit);
  }

  @Get('checkpoints/public-key')
  @RequireRoles('admin')
  @Header('content-type', 'application/x-pem-file')
  @ApiOperation({ operationId: 'getCheckpointPublicKey', summary: 'The Ed25519 public key that checks checkpoint signatures (PEM), for verification outside the service' })
  @ApiOkResponse({ description: 'SPKI PEM', content: { 'application/x-pem-file': { schema: { type: 'string', example: '-----BEGIN PUBLIC KEY-----\n…\n-----END PUBLIC KEY-----\n' } } } })
  publicKey(): string {
    return this.signer.publicKeyPem();
  }
}
