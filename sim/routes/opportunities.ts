import type { Opportunity, Stored } from '../world/types';
import { DAY_MS, QueryReader, cachedView, compareKeyThenId, positionAfter } from './params';
import type { Route } from './types';

const SEARCH_PARAMS = [
  'q',
  'location_id',
  'pipeline_id',
  'pipeline_stage_id',
  'contact_id',
  'status',
  'assigned_to',
  'campaignId',
  'id',
  'order',
  'endDate',
  'startAfter',
  'startAfterId',
  'date',
  'country',
  'page',
  'limit',
  'getTasks',
  'getNotes',
  'getCalendarEvents',
];
const STATUSES = ['open', 'won', 'lost', 'abandoned', 'all'] as const;
export const MAX_OPPORTUNITY_LIMIT = 100;

/**
 * `GET /opportunities/search` (snake_case params). Ordered by createdAt (`order=added_asc|added_desc`,
 * default desc), ties by id; `startAfter` (epoch ms of createdAt) + `startAfterId` continue after a
 * record; `meta.nextPageUrl` is null on the last page. Without location_id the answer is 403.
 */
const search: Route = {
  method: 'GET',
  pattern: /^\/opportunities\/search$/,
  endpoint: 'opportunities.search',
  resource: (req) => req.query.get('location_id') ?? undefined,
  handle(ctx) {
    const location = ctx.authorize('opportunities', ctx.query.get('location_id') ?? undefined);
    const q = new QueryReader(ctx.query, SEARCH_PARAMS);
    const limit = q.integer('limit', { fallback: 20, min: 1, max: MAX_OPPORTUNITY_LIMIT });
    const pageParam = q.integer('page', { fallback: 1, min: 1 });
    const status = q.oneOf('status', STATUSES, 'all');
    const order = q.oneOf('order', ['added_asc', 'added_desc'] as const, 'added_desc');
    const startAfterRaw = q.string('startAfter');
    const startAfter = startAfterRaw === undefined ? undefined : Number(startAfterRaw);
    if (
      startAfterRaw !== undefined &&
      (!/^\d+$/.test(startAfterRaw) || !Number.isSafeInteger(startAfter))
    ) {
      q.problems.add('startAfter must be a number string (epoch milliseconds)');
    }
    const startAfterId = q.string('startAfterId');
    const from = q.usDay('date');
    const to = q.usDay('endDate');
    for (const flag of ['getTasks', 'getNotes', 'getCalendarEvents']) q.boolean(flag);
    const text = q.string('q')?.toLowerCase();
    if (text !== undefined && text.length > 75)
      q.problems.add('q must be shorter than or equal to 75 characters');
    const exact: [keyof Opportunity, string | undefined][] = [
      ['pipelineId', q.string('pipeline_id')],
      ['pipelineStageId', q.string('pipeline_stage_id')],
      ['contactId', q.string('contact_id')],
      ['assignedTo', q.string('assigned_to')],
      ['id', q.string('id')],
    ];
    q.done();

    const descending = order === 'added_desc';
    const store = ctx.world.store(location.id, 'opportunities');
    const viewKey = JSON.stringify(['opportunities', status, order, from, to, text, exact]);
    const filtered = cachedView(store.queryCache, viewKey, () =>
      (store.list as Stored<Opportunity>[])
        .filter(
          ({ rec, added }) =>
            (status === 'all' || rec.status === status) &&
            exact.every(([field, wanted]) => wanted === undefined || rec[field] === wanted) &&
            (from === undefined || added >= from) &&
            (to === undefined || added < to + DAY_MS) &&
            (text === undefined ||
              rec.name.toLowerCase().includes(text) ||
              (rec.contact.email ?? '').toLowerCase().includes(text)),
        )
        .sort((a, b) => compareKeyThenId(a.added, a.id, b.added, b.id, descending)),
    );

    let start = (pageParam - 1) * limit;
    if (startAfter !== undefined || startAfterId !== undefined) {
      const byId =
        startAfterId === undefined ? undefined : filtered.find((s) => s.id === startAfterId);
      const key = startAfter ?? byId?.added;
      if (key === undefined) start = 0;
      else {
        // With only startAfter, skip every record at that instant.
        const id = startAfterId ?? (descending ? '' : '\uffff');
        start = positionAfter(
          filtered,
          (s) => compareKeyThenId(s.added, s.id, key, id, descending) > 0,
        );
      }
    }
    const page = filtered.slice(start, start + limit);
    const last = page[page.length - 1];
    const currentPage = Math.floor(start / limit) + 1;
    const hasMore = start + page.length < filtered.length;
    let nextPageUrl: string | null = null;
    if (hasMore && last) {
      const next = new URLSearchParams(ctx.query);
      next.set('startAfter', String(last.added));
      next.set('startAfterId', last.id);
      next.set('page', String(currentPage + 1));
      nextPageUrl = `${ctx.baseUrl}/opportunities/search?${next.toString()}`;
    }
    return {
      opportunities: ctx.serve('opportunities', location.id, page),
      meta: {
        total: filtered.length,
        nextPageUrl,
        startAfterId: last?.id ?? null,
        startAfter: last?.added ?? null,
        currentPage,
        nextPage: hasMore ? currentPage + 1 : null,
        prevPage: currentPage > 1 ? currentPage - 1 : null,
      },
      aggregations: {},
    };
  },
};

/** `GET /opportunities/pipelines?locationId=` (scope opportunities.readonly). */
const pipelines: Route = {
  method: 'GET',
  pattern: /^\/opportunities\/pipelines$/,
  endpoint: 'opportunities.pipelines',
  resource: (req) => req.query.get('locationId') ?? undefined,
  handle(ctx) {
    const q = new QueryReader(ctx.query, ['locationId']);
    const locationId = q.required('locationId');
    q.done();
    const location = ctx.authorize('opportunities', locationId);
    return { pipelines: ctx.world.pipelines(location.id) };
  },
};

export const opportunityRoutes: Route[] = [search, pipelines];
