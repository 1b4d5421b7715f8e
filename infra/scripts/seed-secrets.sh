#!/usr/bin/env bash
# Seeds Key Vault secrets from environment variables that the pipeline maps from the environment's variable group
# (ofq-{env}-{service-name}-{service-type}-vg). Each variable becomes the secret named after it, with '_' written
# as '-' because Key Vault names allow only letters, digits and hyphens: ROTATOR_TEAMS_WEBHOOK_URL is stored as
# ROTATOR-TEAMS-WEBHOOK-URL. A variable the group does not define is skipped with a warning. A secret that already
# holds the value is left alone, so a re-run adds no version. Values never reach the log or the command line.
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

# The seeding principal's role assignment can take a few minutes to apply after the first deployment.
read_current() {
  local secret="$1" attempt
  for attempt in $(seq 1 10); do
    if az keyvault secret show --vault-name "$vault" --name "$secret" --query value --output tsv \
        >"$workdir/current" 2>"$workdir/error"; then
      return 0
    fi
    if grep -q "SecretNotFound" "$workdir/error"; then
      : >"$workdir/current"
      return 0
    fi
    echo "Reading $secret failed (attempt $attempt of 10); retrying in 30 s"
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
  read_current "$secret"
  if [[ "$(cat "$workdir/current")" == "$value" ]]; then
    echo "$secret is up to date in $vault"
    continue
  fi
  printf '%s' "$value" >"$workdir/value"
  az keyvault secret set --vault-name "$vault" --name "$secret" --file "$workdir/value" --encoding utf-8 \
    --content-type text/plain --tags source=pipeline-variable-group --output none
  rm -f "$workdir/value"
  echo "$secret written to $vault"
done
