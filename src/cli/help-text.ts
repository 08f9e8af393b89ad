/** `mockapi --help`. Every flag has an environment variable of the same meaning. */
export const HELP_TEXT = `mockapi — a mock JSON REST API that keeps its response contract

Usage
  mockapi [options]            serve the mock API
  mockapi db.json [options]    serve a json-server data file: each top-level array a resource,
                               each object a singular one (--print-config: print it as a config)
  mockapi check FILE…          validate config, scenario, OpenAPI and data files without serving
                               (every problem as file:line:column; exit 2 on any)
  mockapi scenarios            list the scenarios --scenario can load, with what each is for
  mockapi openapi [--format json|yaml]
                               print the OpenAPI 3.1 document of what the same flags would
                               serve (--config, --auth, --rate-limit, --host, --port), then exit;
                               with --openapi FILE, FILE with servers set to the mock
                               (--base-path included)

Options                        (environment variable)
  -p, --port N                 port to listen on; 0 picks a free one (MOCKAPI_PORT, default 4000)
      --host H                 address to bind (MOCKAPI_HOST, else an IP in HOST, default 127.0.0.1)
      --seed N                 seed of the generated data (MOCKAPI_SEED, default 1)
      --count N                records per resource (MOCKAPI_COUNT, default 50)
  -c, --config FILE            YAML config adding or replacing resources
                               (MOCKAPI_CONFIG, default ./mockapi.yaml when present)
      --openapi FILE           mock the API an OpenAPI 3.0/3.1 document describes, statefully;
                               built-in resources off unless the config says builtins: true
                               (MOCKAPI_OPENAPI)
      --base-path PATH         where the document's routes are served (MOCKAPI_BASE_PATH,
                               default the path of its first servers[].url; / for the root)
      --db FILE                serve a json-server data file, as mockapi db.json does; built-in
                               resources off unless the config says builtins: true (MOCKAPI_DB)
      --persist                write every change back to the data file: atomically, debounced,
                               and on stop; never written without it (MOCKAPI_PERSIST=true)
      --print-config           print the resources inferred from the data file as a config
                               file, then exit
      --cors ORIGIN[,ORIGIN]   browser origins allowed to call the mock (MOCKAPI_CORS, default any)
      --no-cors                send no CORS headers (MOCKAPI_NO_CORS=true); /__mockapi/* never
                               sends them: it is same-origin only
      --allowed-hosts H[,H]    Host names served besides loopback and the bound address; .example.test
                               allows a domain, * any (MOCKAPI_ALLOWED_HOSTS); others get 403
      --auth, --no-auth        require API tokens: dev-token, read-token, revoked-token,
                               other-token, or the config's (MOCKAPI_AUTH, default on)
      --rate-limit N/WINDOW    requests per token or client address, e.g. 100/60s, or off
                               (MOCKAPI_RATE_LIMIT, default 600/60s)
      --maintenance            answer 503 on every route but /__mockapi/* (MOCKAPI_MAINTENANCE=true)
      --max-inflight N         at most N requests in progress, then 503 (MOCKAPI_MAX_INFLIGHT)
  -s, --scenario NAME|FILE     make chosen routes fail: a built-in (mockapi scenarios), a name
                               in ./scenarios, or a .yaml file; repeat to layer, later ones first
                               (MOCKAPI_SCENARIO, comma-separated)
      --scenarios-dir DIR      where scenario names are looked up first (MOCKAPI_SCENARIOS_DIR,
                               default ./scenarios)
      --no-prefer              ignore Prefer: code=429 and Prefer: delay=500 on requests
                               (MOCKAPI_NO_PREFER=true)
      --admin-token TOKEN      require Authorization: Bearer TOKEN on /__mockapi/* (but health
                               and version); needed when --host is not loopback
                               (MOCKAPI_ADMIN_TOKEN)
      --journal-size N         requests the journal keeps, the newest (MOCKAPI_JOURNAL_SIZE,
                               default 1000; 0 keeps none)
      --max-body-size SIZE     largest request body, in bytes or as 512kb, 1mb; larger ones get
                               413 (MOCKAPI_MAX_BODY_SIZE, default 1mb)
      --url-file FILE          write the URL to FILE once listening, remove it on stop
                               (MOCKAPI_URL_FILE)
      --retry-after SECONDS    the Retry-After of every 429 and 503, e.g. 1 so that clients
                               that honour it retry at once (MOCKAPI_RETRY_AFTER, default 60)
      --report FILE            write the client-conduct report on stop: FILE.json, .md or .html
                               (default instance and every session); with GITHUB_STEP_SUMMARY
                               set, the Markdown is appended there too (MOCKAPI_REPORT)
      --conduct-ignore RULE,…  conduct rules switched off, e.g. token-in-url
                               (MOCKAPI_CONDUCT_IGNORE)
      --hang-limit DURATION    a request held by a hang fault the client has not aborted after
                               this long is a no-client-timeout finding (MOCKAPI_HANG_LIMIT,
                               default 30s)
      --retry-storm N          more attempts than N of one failed request is a retry-storm
                               finding (MOCKAPI_RETRY_STORM, default 10)
      --require-if-match       PUT, PATCH and DELETE of a record without If-Match get 428
                               (MOCKAPI_REQUIRE_IF_MATCH=true)
      --max-memory SIZE        memory budget of all per-client state (rate-limit keys, journal,
                               sessions, idempotency replays); when full the oldest goes
                               (MOCKAPI_MAX_MEMORY, default 256mb)
      --max-event-listeners N  live-log listeners at most; the next gets 503
                               (MOCKAPI_MAX_EVENT_LISTENERS, default 20)
      --format json|yaml       what mockapi openapi prints (default json)
  -q, --quiet                  no banner, no request log, no conduct summary on stop
                               (MOCKAPI_QUIET=true)
      --ready-json             print {"url": …} as one JSON line on stdout once listening;
                               the banner and the log go to stderr; a piped stdin that
                               closes stops the server (MOCKAPI_READY_JSON=true)
  -h, --help                   show this help
  -v, --version                show the version

Exit codes
  0  stopped by SIGINT or SIGTERM    2  bad usage, or an invalid config, scenario or OpenAPI file
  1  any other failure (for example, the port is in use)

Examples
  mockapi --port 0 --seed 42
  mockapi --config ./mockapi.yaml --count 200
  mockapi --scenario flaky --seed 7
  mockapi --scenario recovering --scenario ./my-scenario.yaml
  mockapi --openapi ./openapi.yaml --scenario ratelimit
  mockapi db.json --persist --no-auth
  mockapi --rate-limit 10/60s
  mockapi --no-auth --rate-limit off
  mockapi --scenario recovering --report conduct.md --conduct-ignore token-in-url
  curl -H 'Authorization: Bearer dev-token' 'http://127.0.0.1:4000/tasks?status=done&sort=-dueAt'
`
