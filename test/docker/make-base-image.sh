#!/usr/bin/env bash
# Makes a stand-in for node:20-bookworm-slim when no container registry is reachable: a minimal
# Debian bookworm (debootstrap, from this machine's own apt mirror) with this machine's node and
# npm laid out as the official image has them (/usr/local, a `node` user of uid 1000), imported
# into podman as the tag given. Called by podman-check.sh, with its podman configuration.
#   bash test/docker/make-base-image.sh TAG
set -euo pipefail
tag=${1:?usage: make-base-image.sh TAG}

# The mirror of the main bookworm suite, as apt itself is configured: deb822 .sources files first,
# then the one-line format. Nothing is hard-coded, so the check uses whatever this machine may use.
apt_mirror() {
  local file
  for file in /etc/apt/sources.list.d/*.sources; do
    [[ -e $file ]] || continue
    awk '/^URIs:/ { uri = $2 }
         /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == "bookworm") { print uri; exit } }' "$file"
  done
  for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -e $file ]] || continue
    awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i !~ /^\[/) break;
                       if ($(i + 1) == "bookworm") print $i }' "$file"
  done
}
mirror=$(apt_mirror | head -n 1)
if [[ -z $mirror ]]; then
  echo "make-base-image: no bookworm mirror in /etc/apt/sources.list(.d); cannot debootstrap" >&2
  exit 1
fi

node_bin=$(readlink -f "$(command -v node)")
npm_dir=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")
if [[ $("$node_bin" --version) != v20.* ]]; then
  echo "make-base-image: node 20 is needed (the image is Node 20), found $("$node_bin" --version)" >&2
  exit 1
fi

work=$(mktemp -d /var/tmp/mockapi-base.XXXXXX)
trap 'rm -rf "$work"' EXIT
root=$work/rootfs
echo "make-base-image: debootstrap --variant=minbase bookworm (mirror from the apt sources)…"
debootstrap --variant=minbase bookworm "$root" "$mirror" >"$work/debootstrap.log" 2>&1 || {
  tail -n 20 "$work/debootstrap.log" >&2
  exit 1
}

mkdir -p "$root/usr/local/bin" "$root/usr/local/lib/node_modules"
cp "$node_bin" "$root/usr/local/bin/node"
cp -a "$npm_dir" "$root/usr/local/lib/node_modules/npm"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"
chroot "$root" groupadd --gid 1000 node
chroot "$root" useradd --uid 1000 --gid node --shell /bin/bash --create-home node
# What the official slim image leaves out as well.
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb

tar -C "$root" -c . | podman import --quiet \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change "ENV NODE_VERSION=$("$node_bin" --version | cut -c2-)" \
  --change 'CMD ["node"]' \
  - "$tag" >/dev/null
echo "make-base-image: $tag ready"
