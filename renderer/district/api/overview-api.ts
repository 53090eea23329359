/** The district overview in one request (shared/hub-api/overview-views.ts). */
import { OVERVIEW_PATH, overviewSchema } from '../../../shared/hub-api/overview-views.js';
import type { Overview } from '../../../shared/hub-api/overview-views.js';
import type { ApiResult } from './api-result.js';
import type { HubClient } from './hub-client.js';

export function overview(client: HubClient): Promise<ApiResult<Overview>> {
  return client.get(OVERVIEW_PATH, overviewSchema);
}
