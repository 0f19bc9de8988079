/**
 * The starter spec `readiness init` writes: one service with an SLO, a paging alert, a health
 * check and a heartbeat, one rotation with escalation, and a sign-off, each commented with what
 * to change. It validates as written (a test holds it to that), so a team starts from green.
 */
export const STARTER_SPEC = `# yaml-language-server: $schema=./readiness.schema.json
# A readiness spec: SLOs, alerts, checks, on-call and launch sign-offs for one system.
# Replace every "example" value, then run \`npx readiness validate\` and \`npx readiness plan --env prod\`.
# Field reference: docs/spec-reference.md of the readiness package, or \`npx readiness schema\`.
# Worked examples from real launch checklists: examples/ in the readiness repository.

apiVersion: readiness/v1

system:
  name: example-system               # a short id: it names resources and stacks
  owner: example-team
  runbookBase: https://example.com/runbooks/   # runbooks below are relative to this

# One entry per environment. \`paging: false\` turns every page into a ticket: nobody is woken.
environments:
  staging:
    backends: [grafana]              # any of grafana, datadog, pagerduty, cloudflare, prometheus
    paging: false
    vars: { apiHost: api.staging.example.com }
  prod:
    backends: [grafana, pagerduty]
    paging: true
    vars: { apiHost: api.example.com }

# Where each severity goes: page wakes someone, ticket waits for work hours, info is FYI.
routing:
  page:   { escalation: primary }
  ticket: { slack: "#example-alerts" }
  info:   { email: example-team@example.com }

oncall:
  timezone: Europe/Berlin            # handoffs and business hours are in this zone
  people:
    - { id: alex, name: Alex Example, email: alex@example.com }
    - { id: sam,  name: Sam Example,  email: sam@example.com }
  schedules:
    - { id: primary-rotation, rotation: weekly, handoff: monday 09:00, members: [alex, sam] }
  escalations:
    - id: primary
      repeat: 1                      # go through the levels once more before giving up
      levels:
        - { notify: [schedule:primary-rotation], escalateAfter: 15m }
        - { notify: [person:sam] }   # who is woken when the first level does not answer

services:
  - id: api
    name: Example API
    tier: critical                   # critical | standard | internal
    runbook: api.md
    slos:
      - id: availability
        objective: 99.9              # percent of good requests over the window
        window: 30d
        sli:
          errors:                    # {{window}} is filled in per burn-rate window
            prometheus: sum(rate(http_requests_total{service="api",code=~"5.."}[{{window}}]))
          total:
            prometheus: sum(rate(http_requests_total{service="api"}[{{window}}]))
    alerts:
      - id: error-rate
        summary: More than 5% of requests fail
        severity: page
        for: 5m
        above: 0.05
        query:
          prometheus: sum(rate(http_requests_total{service="api",code=~"5.."}[5m])) / sum(rate(http_requests_total{service="api"}[5m]))
    checks:
      - id: health
        http: https://\${vars.apiHost}/health
        every: 1m
        alertAfter: 3                # consecutive failures before it alerts
        severity: page
    heartbeats:
      - id: nightly-job
        summary: The nightly job did not finish
        every: 24h
        grace: 1h
        prometheus: example_job_last_success_timestamp_seconds
        severity: ticket

signoffs:
  - id: slos-agreed
    title: SLO targets agreed with the product owner
    gate: ga-blocking                # ga-blocking | marketplace-blocking | soft-gating
    phase: pre-launch                # when it is due
    evidence: [slo:api/availability]
`;
