#!/usr/bin/env bash
# `npm run test:docker`: the image really built and run, with podman (no Docker engine needed).
# Builds the Dockerfile from this checkout, then runs it as an arbitrary uid on a read-only root,
# with the port given as a flag (--port 5000), a scenario folder on /scenarios and a config on
# /config: waits for the HEALTHCHECK, sees no probe in the request log, a scenario file whose
# name: differs known by its file name, the mounted scenario answer and reload on edit, flips
# scenarios through the admin API, expects SIGTERM to stop it with exit code 0, and checks that
# bad settings are refused in words that name them. At the end the image is tagged in the normal
# podman store (`podman images` shows localhost/mockapi), or the command to run it is printed.
# No container registry is reachable here, so the Node base image is made locally once
# (make-base-image.sh) and kept, with podman's storage, in MOCKAPI_PODMAN_CACHE.
#   bash test/docker/podman-check.sh [CONTEXT]   (CONTEXT: another checkout to build; default: this)
set -euo pipefail
cd "$(dirname "$0")/../.."
context=${1:-.}

missing=()
for pair in podman:podman runc:runc debootstrap:debootstrap curl:curl; do
  command -v "${pair%%:*}" >/dev/null || missing+=("${pair#*:}")
done
if ((${#missing[@]})); then
  echo "test:docker needs the Debian packages: ${missing[*]}  (apt-get install ${missing[*]})" >&2
  exit 1
fi
if [[ $(id -u) != 0 ]]; then
  echo "test:docker runs podman as root (debootstrap needs root too): sudo npm run test:docker" >&2
  exit 1
fi

cache=${MOCKAPI_PODMAN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mockapi-podman}
# podman records its run directories in its database: the same for a cache from run to run, and
# another for another cache.
run_dir=/run/mockapi-podman/$(printf '%s' "$cache" | md5sum | cut -c1-12)
base=localhost/mockapi-node-base:$(node --version)-bookworm
image=localhost/mockapi:check
tmp=$(mktemp -d)
container=mockapi-check-$$
cleanup() {
  podman rm --force --time 0 "$container" >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT
mkdir -p "$cache" "$run_dir"

# runc rather than crun, cgroupfs (no systemd here), events in a file (no journald), and ulimits
# no higher than this machine's hard limits, which runc cannot raise.
cat >"$tmp/containers.conf" <<EOF
[containers]
default_ulimits = ["nofile=$(ulimit -Hn):$(ulimit -Hn)", "nproc=4096:4096"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
events_logfile_path = "$run_dir/events.log"
tmp_dir = "$run_dir/libpod"
EOF
cat >"$tmp/storage.conf" <<EOF
[storage]
driver = "overlay"
graphroot = "$cache/storage"
runroot = "$run_dir/storage"
EOF
export CONTAINERS_CONF=$tmp/containers.conf CONTAINERS_STORAGE_CONF=$tmp/storage.conf

started=$SECONDS
step() { printf '\n== %s (%ss)\n' "$1" $((SECONDS - started)); }
fail() {
  echo "FAIL: $*" >&2
  podman logs "$container" 2>&1 | tail -n 30 >&2 || true
  exit 1
}

step "base image $base"
podman image exists "$base" || bash test/docker/make-base-image.sh "$base"

step "podman build (the Dockerfile, NODE_IMAGE=$base)"
# npm in RUN steps trusts this machine's CA bundle (a TLS-inspecting proxy's CA, say): mounted
# with an npmrc naming it for the build only, never in a layer nor in the Dockerfile.
ca=/etc/ssl/certs/ca-certificates.crt
mounts=()
if [[ -f $ca ]]; then
  printf 'cafile=%s\nupdate-notifier=false\n' "$ca" >"$tmp/npmrc"
  mounts=(--volume "$ca:$ca:ro" --volume "$tmp/npmrc:/usr/local/etc/npmrc:ro")
fi
podman build --format docker --build-arg "NODE_IMAGE=$base" "${mounts[@]}" \
  --tag "$image" "$context" >"$tmp/build.log" 2>&1 || { tail -n 30 "$tmp/build.log"; fail "build"; }
size=$(podman image inspect --format '{{.Size}}' "$image")
base_size=$(podman image inspect --format '{{.Size}}' "$base")
echo "image $((size / 1000000)) MB = base $((base_size / 1000000)) MB + mockapi $(((size - base_size) / 1000000)) MB"
config=$(podman image inspect --format \
  '{{.Config.User}} {{json .Config.ExposedPorts}} {{json .Config.Entrypoint}} {{json .Config.Env}} {{json .Config.Healthcheck}}' \
  "$image")
for want in 'node {"4000/tcp"' '"HOST=0.0.0.0"' '"MOCKAPI_SCENARIOS_DIR=/scenarios"' '/__mockapi/health' \
  '"MOCKAPI_ALLOWED_HOSTS=*"' '"Interval":1000000000'; do
  [[ $config == *"$want"* ]] || fail "image config lacks $want: $config"
done

step "podman run with /scenarios and /config mounted"
mkdir -p "$tmp/scenarios" "$tmp/config"
own() { printf 'name: own\ndescription: Single records answer %s.\nrules:\n  - match: { method: GET, path: /:resource/:id }\n    respond: { status: %s }\n' "$1" "$1"; }
own 418 >"$tmp/scenarios/own.yaml"
# Known as "teapot" (its file name) everywhere, whatever its name: says.
printf 'name: kettle\nrules:\n  - match: { method: POST, path: /widgets }\n    respond: { status: 418 }\n' >"$tmp/scenarios/teapot.yaml"
printf 'resources:\n  widgets:\n    count: 3\n    fields:\n      name: { type: string, required: true }\n' >"$tmp/config/mockapi.yaml"
chmod -R a+rX "$tmp/scenarios" "$tmp/config"
port=$(node -e 's=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
# Without systemd, podman reports (harmlessly) that it cannot set a timer for the health check.
# The port as a flag, which the HEALTHCHECK cannot see; any uid; a read-only root (podman mounts
# a tmpfs on /tmp, where the server writes its URL for the HEALTHCHECK).
podman run --detach --name "$container" --publish "127.0.0.1:$port:5000" \
  --user 54321 --read-only \
  --env MOCKAPI_ADMIN_TOKEN=check-admin --env MOCKAPI_SEED=7 \
  --volume "$tmp/scenarios:/scenarios" --volume "$tmp/config:/config:ro" \
  "$image" --port 5000 --scenario own --scenario teapot >/dev/null 2>"$tmp/run.log" ||
  { cat "$tmp/run.log"; fail "podman run"; }

step "health (the image's HEALTHCHECK, run by podman)"
for _ in $(seq 60); do
  podman healthcheck run "$container" >/dev/null 2>&1 && break
  [[ $(podman inspect --format '{{.State.Running}}' "$container") == true ]] || fail "container exited"
  sleep 0.5
done
podman healthcheck run "$container" >/dev/null || fail "the HEALTHCHECK never passed (--port 5000 as a flag)"
for _ in 1 2 3; do podman healthcheck run "$container" >/dev/null || fail "the HEALTHCHECK failed once healthy"; done
logged() { [[ $(podman logs "$container" 2>&1) == *"$1"* ]]; }
logged ' listening on http://' || fail "no ready line"
echo "  healthy with --port 5000 given as a flag"
logged '/__mockapi/health' && fail "health probes in the request log"
echo "  no health probe in the request log"
logged 'Ctrl+C' && fail "the banner says Ctrl+C in a detached container"
logged 'any Host header' || fail "the banner does not say any Host is served"
logged 'warning: name "kettle" differs from the file name' || fail "no warning for name: kettle in teapot.yaml"

url=http://127.0.0.1:$port
status() { curl --silent --output /dev/null --write-out '%{http_code}' "$@"; }
expect() {
  local want=$1 got
  shift
  got=$(status "$@")
  [[ $got == "$want" ]] || fail "$* answered $got, expected $want"
  echo "  $want  ${*: -1}"
}
user=(-H 'Authorization: Bearer dev-token')
admin=(-H 'Authorization: Bearer check-admin' -H 'Content-Type: application/json')
activate() { expect 200 "${admin[@]}" -X PUT -d "{\"names\":[$1]}" "$url/__mockapi/scenarios/active"; }

step "requests"
expect 200 "$url/__mockapi/health"
expect 200 "${user[@]}" "$url/widgets"
expect 418 "${user[@]}" "$url/users/1"
expect 401 "$url/__mockapi/scenarios"
expect 418 "${user[@]}" -X POST -H 'Content-Type: application/json' -d '{"name":"x"}' "$url/widgets"
listed=$(curl --silent "${admin[@]}" "$url/__mockapi/scenarios")
[[ $listed == *'"active":["own","teapot"]'* && $listed != *kettle* ]] ||
  fail "teapot.yaml (name: kettle) not listed as teapot: $listed"
echo "  teapot.yaml, name: kettle, is active and listed as teapot"
own 404 >"$tmp/scenarios/own.yaml"
for _ in $(seq 20); do [[ $(status "${user[@]}" "$url/users/1") == 404 ]] && break || sleep 0.25; done
expect 404 "${user[@]}" "$url/users/1"
activate '"ratelimit"'
for _ in $(seq 10); do expect 200 "${user[@]}" "$url/users/1" >/dev/null; done
expect 429 "${user[@]}" "$url/users/1"
activate ''
expect 200 -H 'Authorization: Bearer read-token' "$url/users/1"

step "SIGTERM"
podman kill --signal TERM "$container" >/dev/null
code=$(timeout 15 podman wait "$container") || fail "still running 15 s after SIGTERM"
[[ $code == 0 ]] || fail "exit code $code after SIGTERM"
logged 'SIGTERM received, stopping' || fail "no graceful stop in the log"
echo "  exit code 0"

step "messages name what was typed"
refused() {
  local want=$1 out
  shift
  out=$(podman run --rm "$@" 2>&1) && fail "podman run $* started; expected exit 2"
  [[ $out == *"$want"* && $out != *':1:1:'* ]] || fail "podman run $* said: $out"
  echo "  $want"
}
refused 'mockapi: MOCKAPI_PORT must be an integer from 0 to 65535, got "abc"' --env MOCKAPI_PORT=abc "$image"
refused 'mockapi: unknown scenario "nosuch"; expected one of: ' "$image" --scenario nosuch

step "the image in your podman store"
# The check's store is private (its own cache); copy the image into the default one, so that
# plain `podman images` shows it.
if podman save --format docker-archive "$image" |
  env -u CONTAINERS_CONF -u CONTAINERS_STORAGE_CONF podman load >/dev/null 2>"$tmp/load.log" &&
  env -u CONTAINERS_CONF -u CONTAINERS_STORAGE_CONF podman tag "$image" localhost/mockapi:latest; then
  echo "  podman images: localhost/mockapi:latest (and :check). Run it: podman run --rm -p 4000:4000 localhost/mockapi"
else
  echo "  could not copy it to the default store ($(tail -n 1 "$tmp/load.log")); run it from the check's store:"
  echo "  podman --root '$cache/storage' --runroot '$run_dir/storage' run --rm -p 4000:4000 $image"
fi

step "test:docker passed"
