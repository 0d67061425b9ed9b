import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RegistryException } from '@registry/platform';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';

export type DeskAlertKind = 'REQUEST_OVERDUE' | 'SUPPRESSED_PERSON_RETURNED' | 'JOINT_USE_NOT_NOTIFIED';

export interface DeskAlert {
  id: string;
  kind: DeskAlertKind;
  /** The request (REQUEST_OVERDUE) or the contact held out of joint use (SUPPRESSED_PERSON_RETURNED, JOINT_USE_NOT_NOTIFIED). */
  subjectId: string;
  detail: string;
  raisedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  note: string | null;
}

interface DeskAlertRow {
  id: string;
  kind: DeskAlertKind;
  subject_id: string;
  detail: string;
  raised_at: Date;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  note: string | null;
}

const toAlert = (row: DeskAlertRow): DeskAlert => ({
  id: row.id,
  kind: row.kind,
  subjectId: row.subject_id,
  detail: row.detail,
  raisedAt: row.raised_at.toISOString(),
  acknowledgedAt: row.acknowledged_at?.toISOString() ?? null,
  acknowledgedBy: row.acknowledged_by,
  note: row.note,
});

/** The privacy desk's alerts: requests open too long, people on the suppression list who registered again, and people never told of joint use. */
@Injectable()
export class DeskAlertsService {
  private readonly logger = new Logger('DeskAlerts');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async raise(manager: EntityManager, kind: DeskAlertKind, subjectId: string, detail: string): Promise<void> {
    await manager.query(
      `INSERT INTO desk_alerts (id, kind, subject_id, detail, raised_at) VALUES ($1, $2, $3, $4, now()) ON CONFLICT (kind, subject_id) WHERE acknowledged_at IS NULL DO NOTHING`,
      [randomUUID(), kind, subjectId, detail],
    );
    this.logger.warn({ msg: 'desk alert', kind, subjectId, detail });
  }

  async list(status: 'OPEN' | 'ACKNOWLEDGED' | undefined): Promise<DeskAlert[]> {
    const rows = (await this.dataSource.query(
      `SELECT * FROM desk_alerts WHERE ($1::text IS NULL OR ($1 = 'OPEN') = (acknowledged_at IS NULL)) ORDER BY raised_at DESC LIMIT 500`,
      [status ?? null],
    )) as DeskAlertRow[];
    return rows.map(toAlert);
  }

  async countOpen(): Promise<number> {
    const [row] = (await this.dataSource.query(`SELECT count(*)::int AS n FROM desk_alerts WHERE acknowledged_at IS NULL`)) as { n: number }[];
    return row?.n ?? 0;
  }

  async acknowledge(id: string, by: string, note: string | null): Promise<DeskAlert> {
    const [[row]] = (await this.dataSource.query(
      `UPDATE desk_alerts SET acknowledged_at = now(), acknowledged_by = $2, note = $3 WHERE id = $1 AND acknowledged_at IS NULL RETURNING *`,
      [id, by, note],
    )) as [DeskAlertRow[], number];
    if (row) return toAlert(row);
    const [existing] = (await this.dataSource.query(`SELECT * FROM desk_alerts WHERE id = $1`, [id])) as DeskAlertRow[];
    if (!existing) throw new RegistryException('ALERT_NOT_FOUND', 404, `No desk alert ${id}`);
    throw new RegistryException('ALERT_ALREADY_ACKNOWLEDGED', 409, `The alert was acknowledged by ${existing.acknowledged_by} at ${existing.acknowledged_at?.toISOString()}.`);
  }
}
