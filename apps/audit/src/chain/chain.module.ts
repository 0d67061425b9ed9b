import { Module } from '@nestjs/common';
import { ChainController } from './chain.controller';
import { ChainWriter } from './chain-writer';
import { CheckpointsService } from './checkpoints.service';
import { RetentionService } from './retention.service';
import { SealSigner } from './seal-signer';
import { VerificationService } from './verification.service';

@Module({
  controllers: [ChainController],
  providers: [ChainWriter, SealSigner, CheckpointsService, RetentionService, VerificationService],
  exports: [ChainWriter, CheckpointsService, RetentionService, VerificationService],
})
export class ChainModule {}
