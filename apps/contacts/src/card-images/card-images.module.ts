import { Module } from '@nestjs/common';
import { CardImagesController } from './card-images.controller';
import { CardImagesService } from './card-images.service';

@Module({ controllers: [CardImagesController], providers: [CardImagesService] })
export class CardImagesModule {}
