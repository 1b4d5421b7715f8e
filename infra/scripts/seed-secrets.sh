#!/usr/bin/env bash
# Seeds Key Vault secrets from environment variables that the pipeline maps from the environment's variable group
# (ofq-{env}-{service-name}-{service-type}-vg). Each variable becomes the secret named after it, with '_' written
# as '-' because Key Vault names allow only letters, digits and hyphens: ROTATOR_TEAMS_WEBHOOK_URL is stored as
# ROTATOR-TEAMS-WEBHOOK-URL. A variable the group does not define is skipped with a warning. A secret that already
# holds the value (by the hash in its ValueSha256 tag) is left alone, so a re-run adds no version. Values never reach
# the log or the command line, and the script never reads one back.
#
# Usage: seed-secrets.sh <vault-name> <VARIABLE_NAME>...
set -euo pipefail

if [[ $# -lt 1 ]]; then
  echo "usage: $0 <vault-name> <VARIABLE_NAME>..." >&2
  exit 2
fi
vault="$1"
shift

umask 077
workdir="$(mktemp -d)"
trap 'rm -rf "$workdir"' EXIT

# The pipeline may write secrets and read their tags (custom role kv-rotator Secret Seeder), never a value: whether a
# secret is up to date is read from the hash of its value kept in the tag ValueSha256. The seeding principal's role
# can take a few minutes to apply after the first deployment.
stored_hash() {
  local secret="$1" attempt
  for attempt in $(seq 1 10); do
    if az keyvault secret list --vault-name "$vault" \
        --query "[?name=='$secret'] | [0].tags.ValueSha256" --output tsv >"$workdir/hash" 2>"$workdir/error"; then
      return 0
    fi
    echo "Listing the secrets of $vault failed (attempt $attempt of 10); retrying in 30 s"
    sleep 30
  done
  cat "$workdir/error" >&2
  return 1
}

for variable in "$@"; do
  value="${!variable-}"
  # An Azure Pipelines macro the variable group does not define is passed through unexpanded: $(NAME).
  if [[ -z "$value" || "$value" == "\$($variable)" ]]; then
    echo "##vso[task.logissue type=warning]$variable is not defined in the variable group; its secret was not seeded"
    continue
  fi
  secret="${variable//_/-}"
  hash="$(printf '%s' "$value" | sha256sum | cut -d' ' -f1)"
  stored_hash "$secret"
  if [[ "$(cat "$workdir/hash")" == "$hash" ]]; then
    echo "$secret is up to date in $vault"
    continue
  fi
  printf '%s' "$value" >"$workdir/value"
  az keyvault secret set --vault-name "$vault" --name "$secret" --file "$workdir/value" --encoding utf-8 \
    --content-type text/plain --tags source=pipeline-variable-group "ValueSha256=$hash" --output none
  rm -f "$workdir/value"
  echo "$secret written to $vault"
done
