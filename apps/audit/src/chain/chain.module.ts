import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { ChainController } from './chain.controller';
import { ChainWriter } from './chain-writer';
import { ChainExportService } from './chain-export.service';
import { CheckpointsService } from './checkpoints.service';
import { RetentionService } from './retention.service';
import { SealSigner } from './seal-signer';
import { VerificationScheduleService } from './verification-schedule.service';
import { VerificationService } from './verification.service';

@Module({
  imports: [AlertsModule],
  controllers: [ChainController],
  providers: [ChainWriter, SealSigner, CheckpointsService, RetentionService, VerificationService, VerificationScheduleService, ChainExportService],
  exports: [ChainWriter, CheckpointsService, RetentionService, VerificationService],
})
export class ChainModule {}
