#!/usr/bin/env python3
"""From a `judge --report --format json`, plan moves for questions whose judges all agree on a
level other than the tag. usage: make_plan.py REPORT.json > plan.tsv"""
import json, sys, tomllib, glob
d = json.load(open(sys.argv[1]))
Q = {}
for f in glob.glob('/work/main/questions/*/*.toml'):
    if 'roadmap' in f or 'calibration' in f: continue
    for q in tomllib.load(open(f, 'rb')).get('questions', []): Q[q['id']] = q
# (source topic, target level) -> target level/section, topic
M = {
 ('cqrs','senior'): 'senior/distributed-systems event-driven',
 ('event-sourcing','senior'): 'senior/distributed-systems event-driven',
 ('ddd','senior'): 'senior/system-design monolith-vs-microservices',
 ('multi-region','senior'): 'senior/system-design horizontal-scaling',
 ('zero-downtime','senior'): 'senior/advanced-devops blue-green-canary',
 ('cqrs','intermediate'): 'intermediate/architecture design-patterns',
 ('event-sourcing','intermediate'): 'intermediate/architecture design-patterns',
 ('event-sourcing','beginner'): 'beginner/core js-fundamentals',
 ('multi-region','intermediate'): 'intermediate/cloud aws-managed-services',
 ('zero-downtime','intermediate'): 'intermediate/databases sql-schema-optimization',
 ('project-custom-framework','senior'): 'senior/node-internals performance-tuning',
 ('project-custom-framework','intermediate'): 'intermediate/advanced-node custom-middleware',
 ('project-data-pipeline','senior'): 'senior/senior-projects project-order-processing',
 ('project-data-pipeline','intermediate'): 'intermediate/advanced-node streams-buffers',
 ('project-multi-region-saas','senior'): 'senior/senior-projects project-microservices',
 ('project-multi-region-saas','intermediate'): 'intermediate/cloud aws-managed-services',
 ('custom-frameworks','senior'): 'senior/node-internals performance-tuning',
 ('high-throughput','senior'): 'senior/node-internals performance-tuning',
 ('high-throughput','intermediate'): 'intermediate/advanced-node cluster-workers',
 ('memory-gc-tuning','senior'): 'senior/node-internals memory-leaks-profiling',
 ('memory-gc-tuning','intermediate'): 'intermediate/advanced-node memory-management',
 ('native-addons','senior'): 'senior/node-internals libuv',
 ('v8-optimizations','senior'): 'senior/node-internals performance-tuning',
 ('maintain-libraries','senior'): 'senior/leadership api-contracts',
 ('maintain-libraries','intermediate'): 'intermediate/apis api-versioning',
 ('speak-blog','intermediate'): 'intermediate/architecture clean-code-solid',
 ('speak-blog','beginner'): 'beginner/tools git',
 ('load-testing','senior'): 'senior/observability metrics-prometheus',
 ('load-testing','intermediate'): 'intermediate/testing integration-tests',
 ('chaos-engineering','intermediate'): 'intermediate/testing integration-tests',
 ('latency-optimization','senior'): 'senior/node-internals performance-tuning',
 ('latency-optimization','intermediate'): 'intermediate/advanced-node async-patterns',
 ('api-governance','senior'): 'senior/leadership api-contracts',
 ('api-governance','intermediate'): 'intermediate/apis api-design',
 ('service-mesh','senior'): 'senior/advanced-devops kubernetes',
 ('service-mesh','intermediate'): 'intermediate/apis api-design',
 ('internal-developer-platforms','intermediate'): 'intermediate/devops-basics ci-cd',
 ('finops','intermediate'): 'intermediate/cloud aws-managed-services',
 ('finops','beginner'): 'beginner/web-basics rest-principles',
 ('zero-trust','senior'): 'senior/security tls-headers-cors',
 ('zero-trust','intermediate'): 'intermediate/authentication rbac',
 ('threat-modeling','intermediate'): 'intermediate/authentication rbac',
 ('compliance','intermediate'): 'intermediate/cloud env-configs',
 ('clean-code-solid','beginner'): 'beginner/core js-fundamentals',
 ('service-controller','beginner'): 'beginner/frameworks mvc-structure',
 ('transactions','senior'): 'senior/distributed-systems idempotency',
 ('sql-basics','beginner'): 'beginner/database crud-operations',
 ('circuit-breakers','intermediate'): 'intermediate/apis rate-limiting',
 ('event-driven','intermediate'): 'intermediate/apis api-versioning',
 ('idempotency','intermediate'): 'intermediate/apis api-design',
 ('sagas','beginner'): 'beginner/core js-fundamentals',
 ('project-redis-cache-api','senior'): 'senior/senior-projects project-high-traffic-api',
 ('blue-green-canary','intermediate'): 'intermediate/devops-basics ci-cd',
 ('agile','intermediate'): 'intermediate/devops-basics ci-cd',
 ('tech-docs','intermediate'): 'intermediate/architecture clean-code-solid',
 ('memory-leaks-profiling','intermediate'): 'intermediate/advanced-node memory-management',
 ('structured-logging','intermediate'): 'intermediate/devops-basics docker',
 ('tracing-otel','beginner'): 'beginner/web-basics json-headers-cookies',
 ('secrets-management','intermediate'): 'intermediate/cloud env-configs',
 ('token-rotation','intermediate'): 'intermediate/authentication refresh-tokens',
 ('tls-headers-cors','intermediate'): 'intermediate/authentication jwt',
 ('project-high-traffic-api','intermediate'): 'intermediate/apis rate-limiting',
 ('project-microservices','intermediate'): 'intermediate/architecture layered-architecture',
 ('contract-testing','intermediate'): 'intermediate/testing integration-tests',
 ('load-balancing','intermediate'): 'intermediate/cloud aws-basics',
 ('realtime-at-scale','intermediate'): 'intermediate/apis websockets',
}
# per-question overrides where the topic table would misfile
O = {
 'open-source.private-vuln-fix': 'intermediate/apis api-versioning',
 'open-source.library-lockfile': 'intermediate/devops-basics ci-cd',
 'performance.percentiles-output': 'intermediate/devops-basics docker',
 'performance.average-of-p99-output': 'intermediate/devops-basics docker',
 'performance.outbound-keepalive-agent': 'intermediate/advanced-node async-patterns',
 'platform-engineering.retry-amplification': 'intermediate/apis rate-limiting',
 'security-compliance.mass-assignment-eop': 'intermediate/authentication rbac',
 'intermediate-projects.cache-stampede': 'senior/senior-projects project-high-traffic-api',
 'distributed-systems.safe-to-retry-methods': 'intermediate/apis api-design',
 'leadership.kanban-review-bottleneck': 'intermediate/devops-basics ci-cd',
 'senior-projects.ms-trace-propagation': 'intermediate/architecture layered-architecture',
 'senior-projects.ms-serial-availability': 'intermediate/architecture layered-architecture',
}

M.update({
 ('js-fundamentals','intermediate'): 'intermediate/advanced-node async-patterns',
 ('es6-async','intermediate'): 'intermediate/advanced-node async-patterns',
 ('event-loop','intermediate'): 'intermediate/advanced-node async-patterns',
 ('event-loop','senior'): 'senior/node-internals event-loop-deep',
 ('cjs-vs-esm','intermediate'): 'intermediate/advanced-node es-modules',
 ('package-managers','intermediate'): 'intermediate/devops-basics ci-cd',
 ('error-handling','intermediate'): 'intermediate/advanced-node async-patterns',
 ('env-vars','intermediate'): 'intermediate/cloud env-configs',
 ('runtime-v8','intermediate'): 'intermediate/advanced-node streams-buffers',
 ('debugging','intermediate'): 'intermediate/devops-basics docker',
 ('json-headers-cookies','intermediate'): 'intermediate/apis api-design',
 ('express-routing-middleware','intermediate'): 'intermediate/advanced-node custom-middleware',
 ('basic-validation','intermediate'): 'intermediate/apis api-design',
 ('mongodb-basics','intermediate'): 'intermediate/databases nosql-modeling',
 ('mongoose','intermediate'): 'intermediate/databases orms-query-builders',
 ('crud-operations','intermediate'): 'intermediate/databases nosql-modeling',
 ('git','intermediate'): 'intermediate/devops-basics ci-cd',
 ('eslint-prettier','intermediate'): 'intermediate/devops-basics ci-cd',
 ('api-clients','intermediate'): 'intermediate/apis api-design',
 ('project-rest-api','intermediate'): 'intermediate/intermediate-projects project-auth-service',
 ('project-file-upload','intermediate'): 'intermediate/advanced-node streams-buffers',
 ('functional-programming','beginner'): 'beginner/core js-fundamentals',
 ('custom-middleware','beginner'): 'beginner/frameworks express-routing-middleware',
 ('async-patterns','beginner'): 'beginner/core es6-async',
 ('rbac','beginner'): 'beginner/web-basics http-methods-status',
 ('rest-frameworks','beginner'): 'beginner/frameworks express-routing-middleware',
 ('api-versioning','beginner'): 'beginner/frameworks express-routing-middleware',
 ('project-auth-service','beginner'): 'beginner/beginner-projects project-rest-api',
 ('metrics-prometheus','beginner'): 'beginner/core js-fundamentals',
 ('retries-timeouts','beginner'): 'beginner/core js-fundamentals',
 ('websockets','senior'): 'senior/system-design realtime-at-scale',
 ('caching-redis','senior'): 'senior/system-design horizontal-scaling',
 ('api-versioning','senior'): 'senior/leadership api-contracts',
 ('streams-buffers','senior'): 'senior/node-internals backpressure',
 ('memory-management','senior'): 'senior/node-internals memory-leaks-profiling',
 ('cluster-workers','senior'): 'senior/node-internals performance-tuning',
 ('sql-schema-optimization','senior'): 'senior/system-design database-sharding',
 ('indexing','senior'): 'senior/system-design database-sharding',
 ('nosql-modeling','senior'): 'senior/system-design database-sharding',
 ('oauth2','senior'): 'senior/security token-rotation',
 ('jwt','senior'): 'senior/security owasp-top10',
 ('project-auth-service','senior'): 'senior/security token-rotation',
 ('ec2-s3-rds','senior'): 'senior/system-design horizontal-scaling',
 ('docker','senior'): 'senior/advanced-devops kubernetes',
 ('terraform','intermediate'): 'intermediate/devops-basics ci-cd',
 ('kubernetes','intermediate'): 'intermediate/devops-basics docker',
 ('retries-timeouts','intermediate'): 'intermediate/advanced-node async-patterns',
 ('grpc','intermediate'): 'intermediate/apis api-design',
 ('project-order-processing','intermediate'): 'intermediate/cloud aws-managed-services',
 ('performance-tuning','intermediate'): 'intermediate/advanced-node cluster-workers',
 ('event-loop-deep','intermediate'): 'intermediate/advanced-node async-patterns',
 ('backpressure','intermediate'): 'intermediate/advanced-node streams-buffers',
 ('monolith-vs-microservices','intermediate'): 'intermediate/architecture layered-architecture',
 ('horizontal-scaling','intermediate'): 'intermediate/cloud aws-basics',
 ('graphql','intermediate'): 'intermediate/apis rest-frameworks',
 ('api-gateway','intermediate'): 'intermediate/apis api-design',
 ('api-contracts','intermediate'): 'intermediate/apis api-design',
 ('owasp-top10','intermediate'): 'intermediate/authentication rbac',
 ('csrf-xss-sqli','intermediate'): 'intermediate/authentication jwt',
})
O.update({
 'security.sqli-order-by': 'intermediate/databases sql-basics',
 'security.nosql-operator-injection': 'intermediate/databases nosql-modeling',
 'security.postinstall-supply-chain': 'intermediate/devops-basics ci-cd',
 'system-design.sticky-in-memory-sessions': 'intermediate/apis caching-redis',
 'database.inc-lost-update': 'intermediate/databases transactions',
 'web-basics.session-cookie-attributes': 'intermediate/authentication jwt',
})
O.update({
 'senior-projects.hta-pool-vs-max-connections': 'intermediate/databases connection-pooling',
 'senior-projects.hta-deep-pagination': 'intermediate/apis pagination-filtering',
 'senior-projects.hta-cache-stampede': 'intermediate/apis caching-redis',
})
missing = set()
for q in d['differ']:
    levels = set(r['level'] for r in q['ratings'])
    if len(levels) != 1: continue
    qid = q['question']; lvl = q['consensus_level']
    if lvl == 'below-beginner':   # measures no level: every Beginner answers it
        print(f"{q['question']}\tRETIRE\t-\t"); continue
    else:
        diff = q.get('consensus_difficulty') or 2
    topic = Q[qid]['topic']
    tgt = O.get(qid) or M.get((topic, lvl))
    if not tgt: missing.add((topic, lvl, qid)); continue
    if not tgt.startswith(lvl + '/'): missing.add(('level-mismatch', tgt, qid)); continue
    sec, top = tgt.split()
    if q['file'].endswith(sec + '.toml'):   # same file: only the difficulty changes
        pass
    print(f"{qid}\t{sec}\t{top}\t{diff}")
for q in d['not_a_level']:
    print(f"{q['question']}\tRETIRE\t-\t")
for m in sorted(missing): print('MISSING', m, file=sys.stderr)
