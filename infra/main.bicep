// kv-rotator in one resource group: the Function App with its storage and monitoring, its product vault
// kv-{env}-{product}; and, wherever they live, the existing vaults it is given to manage (the shared
// {org}-kv-{env}-common among them): their expiry events, and the roles the function's identity needs on each vault
// and on each resource their secrets may rotate. docs/DEPLOY.md says how to deploy it.

targetScope = 'resourceGroup'

@allowed([
  'dev'
  'preprod'
  'prod'
])
param env string

@description('Product whose secrets this deployment rotates; the vault is kv-{env}-{product} (at most 24 characters).')
@minLength(2)
@maxLength(13)
param product string

param location string = resourceGroup().location

@allowed([
  'Enabled'
  'Disabled'
])
@description('Disabled needs private endpoints and VNet integration, which this template does not create.')
param vaultPublicNetworkAccess string = 'Enabled'

@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int = 90

@description('Resource IDs of the storage accounts whose keys the product vault\'s secrets rotate (any subscription or resource group).')
param rotatedStorageAccountIds array = []

@description('Object IDs of the app registrations whose client secrets the product vault\'s secrets rotate (it must own each: see README).')
param managedApplicationIds array = []

@description('Existing vaults kv-rotator manages, anywhere in the tenant; never created or reconfigured here. Each: { subscriptionId, resourceGroup, name, systemTopicName (the vault\'s existing system topic, or the name of a new one such as evgt-{name}), rotates: [storage account resource IDs, Service Bus or Event Hubs authorization rule resource IDs, \'app:{objectId}\' for app registrations] }. See docs/DEPLOY.md.')
param externalVaults array = []

@description('Object ID of the pipeline\'s principal, which seeds secrets into the product vault; empty for none.')
param pipelinePrincipalId string = ''

@description('Object IDs of the service principals (workload identities) expected to read the managed vaults\' secrets; the access review reports any other. The function\'s own identity is always expected.')
param accessReviewExpectedPrincipalIds array = []

@description('False on the first pass of a deployment: Event Grid refuses subscriptions to functions not yet deployed.')
param subscribeToEvents bool = true

@minValue(1)
@maxValue(30)
param eventMaxDeliveryAttempts int = 30

@minValue(1)
@maxValue(1440)
param eventTimeToLiveInMinutes int = 1440

@minValue(30)
@maxValue(730)
param logRetentionInDays int = 90

@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

param tags object = {}

@description('NCRONTAB schedule (UTC) of the ExpirySweep timer; the Functions host needs it to load the function.')
param sweepSchedule string = '0 0 7 * * *'

@description('Comma-separated addresses for notices whose secret names no email owner; required with mailSender.')
param mailDefaultRecipients string = ''

@description('Send notices to Teams; on, the vault secret ROTATOR-TEAMS-WEBHOOK-URL must exist before the app starts.')
param teamsNotifications bool

@description('Send notices by email; on, the vault secret ROTATOR-MAIL-SENDER must exist and mailDefaultRecipients be set.')
param mailNotifications bool

@description('Client ID of the kv-rotator API app registration, the only audience App Service authentication accepts.')
@minLength(36)
@maxLength(36)
param apiClientId string

@description('true: the HTTP API refuses calls that carry no caller identity from App Service authentication.')
param requireCallerIdentity bool = false

@description('App role every HTTP API caller must hold, e.g. KvRotator.Operator; empty for none.')
param requiredCallerRole string = ''

@description('Addresses the alert action group emails when kv-rotator itself fails.')
@minLength(1)
param alertEmailAddresses array

@secure()
@description('Teams Workflows webhook URL for alerts, from the environment only; empty for email only.')
param alertTeamsWebhookUrl string

@description('Publish rotation events for machines to an Event Grid custom topic evgt-{env}-{product} (README, Events for machines).')
param publishEvents bool = false

var vaultName = 'kv-${env}-${product}'
var externalVaultNames = [for vault in externalVaults: vault.name]
var managedVaultNames = concat([vaultName], externalVaultNames)
var baseName = '${env}-${product}'
// What each managed vault's secrets may rotate (ROTATOR_RESOURCE_SCOPES): the resources this template grants the
// rotation roles on, and nothing else.
var applicationScopes = [for id in managedApplicationIds: 'app:${id}']
var productVaultScope = '"${vaultName}": ${string(concat(rotatedStorageAccountIds, applicationScopes))}'
var externalVaultScopes = [for vault in externalVaults: '"${vault.name}": ${string(vault.rotates)}']
var resourceScopes = '{${join(concat([productVaultScope], externalVaultScopes), ', ')}}'
var externalVaultSubscriptionIds = [for vault in externalVaults: vault.subscriptionId]
// What the access review reads (ROTATOR_VAULT_RESOURCE_IDS): every managed vault's resource ID.
var externalVaultIds = [for vault in externalVaults: '/subscriptions/${vault.subscriptionId}/resourceGroups/${vault.resourceGroup}/providers/Microsoft.KeyVault/vaults/${vault.name}']
var functionAppName = 'func-${baseName}'
var applicationInsightsName = 'appi-${baseName}'
var allTags = union(tags, {
  application: 'kv-rotator'
  environment: env
})

module monitoring 'modules/monitoring.bicep' = {
  name: 'kvrotator-monitoring'
  params: {
    workspaceName: 'log-${baseName}'
    applicationInsightsName: applicationInsightsName
    location: location
    tags: allTags
    retentionInDays: logRetentionInDays
  }
}

module functionStorage 'modules/functionStorage.bicep' = {
  name: 'kvrotator-storage'
  params: {
    name: take(toLower('st${env}${replace(product, '-', '')}${uniqueString(resourceGroup().id)}'), 24)
    location: location
    tags: allTags
  }
}

module functionApp 'modules/functionApp.bicep' = {
  name: 'kvrotator-function'
  params: {
    name: functionAppName
    planName: 'asp-${baseName}'
    location: location
    tags: allTags
    storageAccountName: functionStorage.outputs.name
    deploymentContainerName: functionStorage.outputs.deploymentContainerName
    logAnalyticsWorkspaceId: monitoring.outputs.workspaceId
    maximumInstanceCount: maximumInstanceCount
  }
}

module rotatorRoles 'modules/rotatorRoles.bicep' = {
  name: 'kvrotator-roles-${env}'
  scope: subscription()
  params: {
    env: env
    subscriptionIds: union([subscription().subscriptionId], externalVaultSubscriptionIds)
  }
}

module productVault 'modules/keyVault.bicep' = {
  name: 'kvrotator-vault'
  params: {
    name: vaultName
    location: location
    tags: allTags
    softDeleteRetentionInDays: softDeleteRetentionInDays
    publicNetworkAccess: vaultPublicNetworkAccess
    logAnalyticsWorkspaceId: monitoring.outputs.workspaceId
    functionPrincipalId: functionApp.outputs.principalId
    secretRotatorRoleGuid: rotatorRoles.outputs.secretRotatorRoleGuid
    accessReviewerRoleGuid: rotatorRoles.outputs.accessReviewerRoleGuid
    seederPrincipalId: pipelinePrincipalId
    secretSeederRoleGuid: rotatorRoles.outputs.secretSeederRoleGuid
  }
}

module productVaultEvents 'modules/vaultEvents.bicep' = {
  name: 'kvrotator-vault-events'
  params: {
    vaultName: productVault.outputs.name
    systemTopicName: 'evgt-${vaultName}'
    location: location
    tags: allTags
    functionAppId: functionApp.outputs.id
    deadLetterStorageAccountId: functionStorage.outputs.id
    deadLetterContainerName: functionStorage.outputs.deadLetterContainerName
    logAnalyticsWorkspaceId: monitoring.outputs.workspaceId
    subscribeToEvents: subscribeToEvents
    maxDeliveryAttempts: eventMaxDeliveryAttempts
    eventTimeToLiveInMinutes: eventTimeToLiveInMinutes
  }
}

module productVaultDeadLetters 'modules/deadLetterWriter.bicep' = {
  name: 'kvrotator-dead-letters'
  params: {
    storageAccountName: functionStorage.outputs.name
    containerName: functionStorage.outputs.deadLetterContainerName
    topicPrincipalId: productVaultEvents.outputs.topicPrincipalId
  }
}

module externalVaultModules 'modules/managedVault.bicep' = [for vault in externalVaults: {
  name: 'kvrotator-vault-${uniqueString(vault.subscriptionId, vault.resourceGroup, vault.name)}'
  scope: resourceGroup(vault.subscriptionId, vault.resourceGroup)
  params: {
    vaultName: vault.name
    systemTopicName: vault.systemTopicName
    rotates: vault.rotates
    tags: allTags
    functionAppId: functionApp.outputs.id
    functionPrincipalId: functionApp.outputs.principalId
    secretRotatorRoleGuid: rotatorRoles.outputs.secretRotatorRoleGuid
    accessReviewerRoleGuid: rotatorRoles.outputs.accessReviewerRoleGuid
    storagePermissionReaderRoleGuid: rotatorRoles.outputs.storagePermissionReaderRoleGuid
    cognitiveServicesKeyOperatorRoleGuid: rotatorRoles.outputs.cognitiveServicesKeyOperatorRoleGuid
    searchAdminKeyOperatorRoleGuid: rotatorRoles.outputs.searchAdminKeyOperatorRoleGuid
    containerRegistryCredentialOperatorRoleGuid: rotatorRoles.outputs.containerRegistryCredentialOperatorRoleGuid
    batchAccountKeyOperatorRoleGuid: rotatorRoles.outputs.batchAccountKeyOperatorRoleGuid
    serviceBusKeyOperatorRoleGuid: rotatorRoles.outputs.serviceBusKeyOperatorRoleGuid
    eventHubsKeyOperatorRoleGuid: rotatorRoles.outputs.eventHubsKeyOperatorRoleGuid
    redisKeyOperatorRoleGuid: rotatorRoles.outputs.redisKeyOperatorRoleGuid
    cosmosDbKeyOperatorRoleGuid: rotatorRoles.outputs.cosmosDbKeyOperatorRoleGuid
    deadLetterStorageAccountId: functionStorage.outputs.id
    deadLetterContainerName: functionStorage.outputs.deadLetterContainerName
    logAnalyticsWorkspaceId: monitoring.outputs.workspaceId
    subscribeToEvents: subscribeToEvents
    maxDeliveryAttempts: eventMaxDeliveryAttempts
    eventTimeToLiveInMinutes: eventTimeToLiveInMinutes
    actionGroupId: alerts.outputs.actionGroupId
  }
}]

module externalVaultDeadLetters 'modules/deadLetterWriter.bicep' = [for (vault, i) in externalVaults: {
  name: 'kvrotator-dead-letters-${uniqueString(vault.subscriptionId, vault.resourceGroup, vault.name)}'
  params: {
    storageAccountName: functionStorage.outputs.name
    containerName: functionStorage.outputs.deadLetterContainerName
    topicPrincipalId: externalVaultModules[i].outputs.topicPrincipalId
  }
}]

module storageKeyOperators 'modules/storageKeyOperator.bicep' = [for storageAccountId in rotatedStorageAccountIds: {
  name: 'kvrotator-key-operator-${uniqueString(storageAccountId)}'
  scope: resourceGroup(split(storageAccountId, '/')[2], split(storageAccountId, '/')[4])
  params: {
    storageAccountName: last(split(storageAccountId, '/'))
    functionPrincipalId: functionApp.outputs.principalId
    permissionReaderRoleGuid: rotatorRoles.outputs.storagePermissionReaderRoleGuid
  }
}]

resource site 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// Applied after the vault role assignments so that Key Vault references resolve on the first start (the function's
// identity reads them with its Secret Rotator role).
// Names other than the Azure-defined ones must be keys of io.kvrotator.app.Setting; a secret setting is a Key
// Vault reference, e.g. '@Microsoft.KeyVault(SecretUri=${productVault.outputs.uri}secrets/ROTATOR-TEAMS-WEBHOOK-URL)'.
resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  // A notice channel's settings are there only when the channel is on: a Key Vault reference to a secret nobody
  // seeded would stop the worker.
  properties: union({
    AzureWebJobsStorage__accountName: functionStorage.outputs.name
    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
    ROTATOR_ALLOWED_VAULTS: join(managedVaultNames, ',')
    ROTATOR_ENTRA_TENANT_ID: tenant().tenantId
    ROTATOR_SWEEP_SCHEDULE: sweepSchedule
    ROTATOR_RESOURCE_SCOPES: resourceScopes
    ROTATOR_VAULT_RESOURCE_IDS: join(concat([productVault.outputs.id], externalVaultIds), ',')
    ROTATOR_IDENTITY_OBJECT_ID: functionApp.outputs.principalId
    ROTATOR_ACCESS_REVIEW_EXPECTED_PRINCIPALS: join(accessReviewExpectedPrincipalIds, ',')
    ROTATOR_REQUIRE_CALLER_IDENTITY: requireCallerIdentity ? 'true' : 'false'
    ROTATOR_REQUIRED_CALLER_ROLE: requiredCallerRole
    ROTATOR_EVENTS_TOPIC_ENDPOINT: eventsTopic.outputs.endpoint
    // the name the function's identity is made a Microsoft Entra administrator of PostgreSQL servers with
    // (docs/DEPLOY.md, PostgreSQL servers)
    ROTATOR_POSTGRESQL_ADMIN_USER: functionAppName
  }, teamsNotifications ? {
    ROTATOR_TEAMS_WEBHOOK_URL: '@Microsoft.KeyVault(SecretUri=${productVault.outputs.uri}secrets/ROTATOR-TEAMS-WEBHOOK-URL)'
  } : {}, mailNotifications ? {
    ROTATOR_MAIL_SENDER: '@Microsoft.KeyVault(SecretUri=${productVault.outputs.uri}secrets/ROTATOR-MAIL-SENDER)'
    ROTATOR_MAIL_DEFAULT_RECIPIENTS: mailDefaultRecipients
  } : {})
  dependsOn: [
    functionApp
    monitoring
    productVault
    externalVaultModules
    apiAuthentication
  ]
}

// App Service authentication: WEBSITE_AUTH_ENABLED is True once it is on, which ROTATOR_REQUIRE_CALLER_IDENTITY
// and ROTATOR_REQUIRED_CALLER_ROLE need at start-up.
module apiAuthentication 'modules/apiAuthentication.bicep' = {
  name: 'kvrotator-api-authentication'
  params: {
    functionAppName: functionApp.outputs.name
    apiClientId: apiClientId
  }
}

// The product vault's system topic; each onboarded vault's topic has its alert in its own resource group
// (modules/managedVault.bicep).
var eventTopicNames = ['evgt-${vaultName}']

module alerts 'modules/alerts.bicep' = {
  name: 'kvrotator-alerts'
  params: {
    baseName: baseName
    location: location
    tags: allTags
    logAnalyticsWorkspaceId: monitoring.outputs.workspaceId
    eventTopicNames: eventTopicNames
    emailAddresses: alertEmailAddresses
    teamsWebhookUrl: alertTeamsWebhookUrl
  }
  dependsOn: [
    productVaultEvents
  ]
}

output functionAppName string = functionApp.outputs.name
output functionStorageAccountName string = functionStorage.outputs.name
output managedVaultNames array = managedVaultNames
output productVaultName string = productVault.outputs.name
output productVaultUri string = productVault.outputs.uri

module eventsTopic 'modules/eventsTopic.bicep' = {
  name: 'kvrotator-events-topic'
  params: {
    enabled: publishEvents
    name: 'evgt-${baseName}'
    location: location
    tags: allTags
    functionPrincipalId: functionApp.outputs.principalId
  }
}
