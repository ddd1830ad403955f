#!/usr/bin/env bash
# Builds etcd, kube-apiserver and kube-controller-manager from the Go modules pinned in go.mod.
#
#   build.sh [OUTPUT_DIR]
#
# OUTPUT_DIR defaults to ${XDG_CACHE_HOME:-~/.cache}/tributary/control-plane/<k8s version>.
# A cold build compiles ~3,000 packages (many minutes on two cores); a warm one reuses
# Go's build cache and takes seconds. Extra go build flags can be passed in GO_BUILD_FLAGS
# (the Java launcher passes -v to report progress).
set -euo pipefail
cd "$(dirname "$0")"
export GOFLAGS="${GOFLAGS:--mod=mod}"

version="$(awk '$1 == "k8s.io/kubernetes" { print $2; exit }' go.mod)"
if [[ -z "$version" ]]; then
  echo "build.sh: no k8s.io/kubernetes requirement in go.mod" >&2
  exit 1
fi
out="${1:-${XDG_CACHE_HOME:-$HOME/.cache}/tributary/control-plane/$version}"
mkdir -p "$out"

# The same version stamps that Kubernetes' hack/lib/version.sh writes, so the server reports
# its real version to kubectl and clients instead of v0.0.0-master.
major="${version#v}"; major="${major%%.*}"
minor="${version#v*.}"; minor="${minor%%.*}"
ldflags="-s -w"
for pkg in k8s.io/client-go/pkg/version k8s.io/component-base/version; do
  ldflags+=" -X $pkg.gitVersion=$version -X $pkg.gitMajor=$major -X $pkg.gitMinor=$minor"
  ldflags+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
done

# shellcheck disable=SC2086 # GO_BUILD_FLAGS is a list of flags
go build -trimpath ${GO_BUILD_FLAGS:-} -ldflags "$ldflags" -o "$out/" ./cmd/etcd ./cmd/kube-apiserver ./cmd/kube-controller-manager
echo "$out"
