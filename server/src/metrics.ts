/**
 * Prometheus text exposition, written by hand: a handful of counters and gauges
 * do not need a client library.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

export class Metrics {
  /** Event-loop delay, reset at every scrape: "since the previous scrape". */
  #loop = monitorEventLoopDelay({ resolution: 10 });
  constructor() {
    this.#loop.enable();
  }
  requests = new Map<string, number>();
  subscriptionsOpened = 0;
  subscriptionsClosed = 0;

  countRequest(route: string, status: number): void {
    const key = `route="${route}",status="${status}"`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
  }

  render(g: { executions: number; sharedResults: number; eventsDelivered: number; headSeq: number; dbSeq: number | null; sockets: number; watchedSessions: number; crossingsClaimed: number; openIncidents: number | null; dbUp: boolean; pubsubUp: boolean }): string {
    const lines: string[] = [];
    const metric = (name: string, type: 'counter' | 'gauge', help: string, values: [string, number][]) => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
      for (const [labels, v] of values) lines.push(`${name}${labels ? `{${labels}}` : ''} ${v}`);
    };
    metric('xinbao_http_requests_total', 'counter', 'HTTP requests by route and status', [...this.requests.entries()]);
    metric('xinbao_subscriptions_open', 'gauge', 'Open GraphQL subscriptions (all transports)', [['', this.subscriptionsOpened - this.subscriptionsClosed]]);
    metric('xinbao_subscriptions_total', 'counter', 'GraphQL subscriptions ever opened', [['', this.subscriptionsOpened]]);
    metric('xinbao_events_delivered_total', 'counter', 'Events pushed to subscribers', [['', g.eventsDelivered]]);
    metric('xinbao_subscription_executions_total', 'counter', 'Subscription documents executed for an event (once per distinct subscription when multiplexed)', [['', g.executions]]);
    metric('xinbao_subscription_results_shared_total', 'counter', 'Deliveries that reused an already executed result', [['', g.sharedResults]]);
    metric('xinbao_websockets_open', 'gauge', 'Open WebSocket connections', [['', g.sockets]]);
    metric('xinbao_event_head_seq', 'gauge', 'Highest event sequence this instance has read', [['', g.headSeq]]);
    if (g.dbSeq !== null) {
      metric('xinbao_event_db_seq', 'gauge', 'Highest committed event sequence in the database', [['', g.dbSeq]]);
      metric('xinbao_event_lag', 'gauge', 'Events committed but not yet read by this instance', [['', Math.max(0, g.dbSeq - g.headSeq)]]);
    }
    metric('xinbao_session_watch', 'gauge', 'Live connections watched for revocation', [['', g.watchedSessions]]);
    metric('xinbao_deadline_crossings_claimed_total', 'counter', 'Deadline crossings this instance claimed and announced', [['', g.crossingsClaimed]]);
    if (g.openIncidents !== null) metric('xinbao_incidents_open', 'gauge', 'Open incidents (deadline engine input)', [['', g.openIncidents]]);
    const loop = this.#loop;
    metric('xinbao_event_loop_delay_ms', 'gauge', 'Event-loop delay since the previous scrape', [
      ['quantile="0.5"', loop.percentile(50) / 1e6],
      ['quantile="0.99"', loop.percentile(99) / 1e6],
      ['quantile="1"', loop.max / 1e6],
    ]);
    loop.reset();
    const mem = process.memoryUsage();
    metric('process_resident_memory_bytes', 'gauge', 'Resident memory', [['', mem.rss]]);
    metric('nodejs_heap_used_bytes', 'gauge', 'V8 heap in use', [['', mem.heapUsed]]);
    metric('xinbao_up', 'gauge', 'Dependencies reachable', [['dep="database"', g.dbUp ? 1 : 0], ['dep="pubsub"', g.pubsubUp ? 1 : 0]]);
    return lines.join('\n') + '\n';
  }
}
