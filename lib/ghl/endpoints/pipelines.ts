import { locationContext, VERSION_2021_07_28, type EndpointDeps } from '../context';
import { parseEnvelope, parseRecords } from '../schemas/parse';
import { pipelineSchema, pipelinesEnvelope, type GhlPipeline } from '../schemas/pipeline';

const LIST = 'GET /opportunities/pipelines';
const VERSION = VERSION_2021_07_28;

/** Reads all pipelines (with their stages) of a location in one call. */
export async function listPipelines(
  deps: EndpointDeps,
  locationId: string,
  options: { signal?: AbortSignal } = {},
): Promise<GhlPipeline[]> {
  const ctx = await locationContext(deps, LIST, locationId);
  const { body, traceId } = await deps.transport.call(
    ctx,
    { method: 'GET', path: '/opportunities/pipelines', query: { locationId }, version: VERSION },
    options.signal,
  );
  const source = { ctx, traceId };
  const envelope = parseEnvelope(pipelinesEnvelope, body, source);
  return parseRecords(pipelineSchema, envelope.pipelines, 'pipelines', source);
}
