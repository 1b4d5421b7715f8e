#!/usr/bin/env bash
# Deploys the package `mvn package` built (target/kv-rotator-functions.zip) to an existing Flex Consumption
# Function App, then waits until the app lists every function the package holds: Event Grid refuses to subscribe
# a function it cannot find, so the Bicep pass that creates the event subscriptions must not start earlier.
#
# `az functionapp deployment source config-zip` sends a Flex Consumption app's package to its one-deploy endpoint
# with the caller's Microsoft Entra token; the app then writes it to its deployment container with its own
# identity. Nothing reads a storage key or a publishing password, so it works with shared keys and basic-auth
# publishing off. The caller needs Contributor (or Website Contributor) on the Function App.
#
# Usage: deploy-code.sh <resource-group> <function-app> <zip>
# KVROTATOR_FUNCTIONS_WAIT_SECONDS (default 600) bounds the wait; KVROTATOR_FUNCTIONS_POLL_SECONDS (default 15)
# is the pause between two listings.
set -euo pipefail

if [[ $# -ne 3 ]]; then
  echo "usage: $0 <resource-group> <function-app> <zip>" >&2
  exit 2
fi
resource_group="$1"
app="$2"
zip="$3"
wait_seconds="${KVROTATOR_FUNCTIONS_WAIT_SECONDS:-600}"
poll_seconds="${KVROTATOR_FUNCTIONS_POLL_SECONDS:-15}"

for tool in az unzip sha256sum; do
  if ! command -v "$tool" >/dev/null; then
    echo "deploy-code.sh: $tool is not on the PATH" >&2
    exit 2
  fi
done
if [[ ! -f "$zip" ]]; then
  echo "deploy-code.sh: no package at $zip (mvn package builds target/kv-rotator-functions.zip)" >&2
  exit 2
fi

# One function per <FunctionName>/function.json at the root of the package.
mapfile -t expected < <(unzip -Z1 "$zip" | sed -n 's#^\([^/]*\)/function\.json$#\1#p' | sort)
if [[ ${#expected[@]} -eq 0 ]]; then
  echo "deploy-code.sh: $zip holds no <FunctionName>/function.json at its root; is it the zip mvn package built?" >&2
  exit 2
fi

echo "Deploying $zip (sha256 $(sha256sum "$zip" | cut -d' ' -f1)) to $app in $resource_group"
az functionapp deployment source config-zip --resource-group "$resource_group" --name "$app" --src "$zip"

errors="$(mktemp)"
trap 'rm -f "$errors"' EXIT

# Prints the functions the app lists, one a line; names come back as <function-app>/<FunctionName>. The listing
# fails while the host is still starting: that is one more reason to wait, and its message is kept in $errors.
listed_functions() {
  local names name
  names="$(az functionapp function list --resource-group "$resource_group" --name "$app" --query "[].name" \
    --output tsv 2>"$errors")" || return 1
  while IFS= read -r name; do
    name="${name%$'\r'}"
    [[ -n "$name" ]] && printf '%s\n' "${name##*/}"
  done <<<"$names"
  return 0
}

echo "Waiting up to $wait_seconds s until $app lists all ${#expected[@]} functions: ${expected[*]}"
deadline=$((SECONDS + wait_seconds))
while true; do
  listing_failed=''
  listed="$(listed_functions)" || listing_failed="; the listing failed: $(tail -n 1 "$errors")"
  missing=()
  for function in "${expected[@]}"; do
    if ! grep -qxF "$function" <<<"$listed"; then
      missing+=("$function")
    fi
  done
  if [[ ${#missing[@]} -eq 0 ]]; then
    echo "$app lists all ${#expected[@]} functions: ${expected[*]}"
    exit 0
  fi
  if ((SECONDS >= deadline)); then
    echo "deploy-code.sh: after $wait_seconds s, $app still does not list: ${missing[*]}$listing_failed." \
      "The package did not deploy or the Functions host did not start: see the app's Deployment Center and" \
      "Log stream in the portal. Do not run the events pass until it lists them." >&2
    exit 1
  fi
  echo "Still waiting for: ${missing[*]}$listing_failed"
  sleep "$poll_seconds"
done
