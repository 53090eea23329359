/** One anomaly as read from the database, and its shape for callers (shared/hub-api/counting-views.ts). */
import { z } from 'zod';
import { dbCount, dbInstant, dbInt, dbLocalDate } from '../db/index.js';
import { anomalyKindSchema, anomalyStatusSchema } from '../../shared/hub-api/counting-views.js';
import type { Anomaly } from '../../shared/hub-api/counting-views.js';
import { anomalyMessage } from './messages.js';

export const ANOMALY_SELECT = `
  SELECT a.id, a.district_id, a.canteen_id, c.name AS canteen_name, a.device_id, a.kind, a.service_date,
         a.details, a.detected_at, a.status, a.resolved_at, a.resolved_by, a.note,
         (SELECT count(*) FROM anomaly_records r WHERE r.anomaly_id = a.id) AS record_count
    FROM anomalies a LEFT JOIN canteens c ON c.id = a.canteen_id`;

export const anomalyRow = z.object({
  id: dbInt,
  district_id: dbInt,
  canteen_id: dbInt.nullable(),
  canteen_name: z.string().nullable(),
  device_id: z.string().nullable(),
  kind: anomalyKindSchema,
  service_date: dbLocalDate.nullable(),
  details: z.record(z.string(), z.unknown()),
  detected_at: dbInstant,
  status: anomalyStatusSchema,
  resolved_at: dbInstant.nullable(),
  resolved_by: dbInt.nullable(),
  note: z.string().nullable(),
  record_count: dbCount,
});

export function toAnomaly(r: z.infer<typeof anomalyRow>): Anomaly {
  return {
    id: r.id,
    districtId: r.district_id,
    canteenId: r.canteen_id,
    canteenName: r.canteen_name,
    deviceId: r.device_id,
    kind: r.kind,
    serviceDate: r.service_date,
    details: r.details,
    detectedAt: r.detected_at,
    status: r.status,
    resolvedAt: r.resolved_at,
    resolvedBy: r.resolved_by,
    note: r.note,
    recordCount: r.record_count,
    message: anomalyMessage({ kind: r.kind, canteenName: r.canteen_name, deviceId: r.device_id, serviceDate: r.service_date, details: r.details }),
  };
}
