// Parameters of the preprod environment. No secret values here: secrets are seeded into the vault from the
// ofq-preprod-kvrotator-func-vg variable group by the pipeline (see docs/DEPLOY.md).
using '../main.bicep'

param env = 'preprod'
param product = 'kvrotator'
param location = 'westeurope'
param vaultPublicNetworkAccess = 'Enabled'
param softDeleteRetentionInDays = 90

// Resource IDs of the storage accounts whose keys kv-rotator rotates in preprod, for example
// '/subscriptions/<subscription-id>/resourceGroups/<group>/providers/Microsoft.Storage/storageAccounts/<account>'.
param rotatedStorageAccountIds = []
param managedApplicationIds = []

// Set by the pipeline (docs/DEPLOY.md): the first pass deploys without event subscriptions, because Event Grid
// refuses a subscription to a function that is not deployed yet; the pipeline's own principal seeds secrets.
param subscribeToEvents = bool(readEnvironmentVariable('KVROTATOR_SUBSCRIBE_TO_EVENTS', 'true'))
param pipelinePrincipalId = readEnvironmentVariable('KVROTATOR_PIPELINE_PRINCIPAL_ID', '')

// Notices: the Teams webhook URL and the mail sender are secrets in the vault (ROTATOR-TEAMS-WEBHOOK-URL,
// ROTATOR-MAIL-SENDER), seeded by the pipeline from the variable group; the recipients are not secret.
param mailDefaultRecipients = 'platform-team@contoso.com'

// Notice channels (docs/DEPLOY.md, "Notice channels"): a channel that is on needs its secret in the vault before
// the app starts; a channel that is off gets no settings at all.
param teamsNotifications = true
param mailNotifications = true

// Callers (docs/DEPLOY.md, "Callers: authentication and app roles"): the API app registration's client ID
// comes from the environment; every caller must carry an identity and the KvRotator.Operator app role.
param apiClientId = readEnvironmentVariable('KVROTATOR_API_CLIENT_ID', '')
param requireCallerIdentity = true
param requiredCallerRole = 'KvRotator.Operator'

// Alerts (docs/DEPLOY.md, "Alerts"). The Teams webhook URL is a secret: only ever from the environment.
param alertEmailAddresses = [
  'platform-team@contoso.com'
]
param alertTeamsWebhookUrl = readEnvironmentVariable('KVROTATOR_ALERT_TEAMS_WEBHOOK_URL', '')
