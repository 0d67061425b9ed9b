import { Module } from '@nestjs/common';
import { EligibilityTransitions } from './eligibility-transitions';

@Module({ providers: [EligibilityTransitions], exports: [EligibilityTransitions] })
export class EligibilityTransitionsModule {}
