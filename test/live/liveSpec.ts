/** The spec the live tests run against the backfilled Prometheus (see backfill.ts for its history). */

/** The spec, with the checkout page's burn factor and whether the queue alert exists as parameters (the diff's before and after). */
export function liveSpec(opts: { checkoutFactor: number; queueAlert: boolean }): string {
  return `apiVersion: readiness/v1
system: { name: live-shop, runbookBase: "https://runbooks.test/" }
environments:
  prod: { backends: [prometheus, pagerduty], paging: true, scrapeInterval: 15s }
routing:
  page: { escalation: oncall }
  ticket: { slack: "#shop-alerts" }
  info: { slack: "#shop-alerts" }
oncall:
  timezone: UTC
  people:
    - { id: ana, name: Ana, email: ana@shop.test }
    - { id: bo, name: Bo, email: bo@shop.test }
  schedules:
    - { id: primary, rotation: weekly, handoff: "monday 09:00", members: [ana, bo] }
  escalations:
    - id: oncall
      levels:
        - { notify: [schedule:primary], escalateAfter: 15m }
        - { notify: [person:bo] }
services:
  - id: shop
    name: Shop
    tier: critical
    runbook: shop.md
    slos:
      - id: availability
        objective: 98
        window: 1h
        sli:
          errors: { prometheus: 'sum(rate(shop_requests_total{code=~"5.."}[{{window}}]))' }
          total: { prometheus: 'sum(rate(shop_requests_total[{{window}}]))' }
        alerting:
          windows:
            - { id: page-fast, severity: page, long: 30m, short: 5m, factor: 10 }
            - { id: ticket-slow, severity: ticket, long: 1h, short: 10m, factor: 1 }
    alerts:
      - id: pay-errors
        summary: Payment handler errors
        severity: ticket
        for: 5m
        above: 1
        query: { prometheus: 'sum(rate(shop_requests_total{handler="/pay"}[5m]))' }
        noData: ok
  - id: checkout
    name: Checkout
    tier: critical
    runbook: checkout.md
    slos:
      - id: availability
        objective: 99
        window: 6h
        sli:
          errors: { prometheus: 'sum(rate(checkout_requests_total{code="500"}[{{window}}]))' }
          total: { prometheus: 'sum(rate(checkout_requests_total[{{window}}]))' }
        alerting:
          windows:
            - { id: page-fast, severity: page, long: 30m, short: 5m, factor: ${opts.checkoutFactor} }
    checks:
      - id: health
        http: https://checkout.test/health
        every: 15s
        alertAfter: 2
        severity: page
    heartbeats:
      - id: nightly
        summary: The nightly run has not completed
        every: 1h
        grace: 10m
        prometheus: nightly_last_success_timestamp_seconds
        severity: page
${
  opts.queueAlert
    ? `    alerts:
      - id: queue-depth
        summary: The queue is backing up
        severity: page
        for: 0m
        above: 100
        query: { prometheus: 'max(queue_depth)' }
        noData: ok
`
    : ""
}  - id: ledger
    name: Ledger
    tier: standard
    runbook: ledger.md
    slos:
      - id: availability
        objective: 99.9
        window: 1h
        sli:
          errors: { prometheus: 'sum(rate(ledger_requests_total{code="500"}[{{window}}]))' }
          total: { prometheus: 'sum(rate(ledger_requests_total[{{window}}]))' }
`;
}

/** Stack settings the prometheus backend needs to plan (a check needs a prober). */
export const PULUMI_PROD = "config:\n  readiness:environment: prod\n  readiness:blackboxProberUrl: http://127.0.0.1:9115\n";
