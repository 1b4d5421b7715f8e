// A vault that lives elsewhere and that kv-rotator manages (the shared {org}-kv-{env}-common among them): referenced
// as existing, never created or reconfigured. Deployed into the vault's resource group: the function's Secret
// Rotator and Access Reviewer roles on the vault, the vault's system topic (the one it has, or a new one) with both expiry
// subscriptions, and the rotation role on every resource its secrets may rotate.

param vaultName string
@description('The vault\'s Event Grid system topic: the one it already has (a vault can have only one), or the name of the one to create, e.g. evgt-{vault}.')
param systemTopicName string
@description('What the vault\'s secrets may rotate: resource IDs of storage accounts, Service Bus and Event Hubs authorization rules (or namespaces), Azure AI services accounts, search services, container registries, Batch accounts, Redis caches and Cosmos DB accounts, and app:{objectId} entries.')
param rotates array
param tags object
param functionAppId string
param functionPrincipalId string
param secretRotatorRoleGuid string
@description('kv-rotator Access Reviewer (rotatorRoles.bicep), for the access review of this vault.')
param accessReviewerRoleGuid string
@description('kv-rotator Storage Permission Reader (rotatorRoles.bicep), beside the key operator on each storage account in rotates.')
param storagePermissionReaderRoleGuid string
@description('kv-rotator Cognitive Services Key Operator (rotatorRoles.bicep), for the Azure AI services accounts in rotates.')
param cognitiveServicesKeyOperatorRoleGuid string
@description('kv-rotator Search Admin Key Operator (rotatorRoles.bicep), for the search services in rotates.')
param searchAdminKeyOperatorRoleGuid string
@description('The kv-rotator Container Registry Credential Operator custom role, assigned on each container registry in rotates.')
param containerRegistryCredentialOperatorRoleGuid string
@description('The kv-rotator Batch Account Key Operator custom role, assigned on each Batch account in rotates.')
param batchAccountKeyOperatorRoleGuid string
@description('kv-rotator Service Bus Key Operator, for the Service Bus rules in rotates.')
param serviceBusKeyOperatorRoleGuid string
@description('kv-rotator Event Hubs Key Operator, for the Event Hubs rules in rotates.')
param eventHubsKeyOperatorRoleGuid string
@description('kv-rotator Redis Key Operator, assigned on each Redis cache in rotates.')
param redisKeyOperatorRoleGuid string
@description('kv-rotator Cosmos DB Key Operator, assigned on each Cosmos DB account in rotates.')
param cosmosDbKeyOperatorRoleGuid string
param deadLetterStorageAccountId string
param deadLetterContainerName string
param logAnalyticsWorkspaceId string
param subscribeToEvents bool
param maxDeliveryAttempts int
param eventTimeToLiveInMinutes int
@description('kv-rotator\'s action group, which the topic\'s dead-letter alert notifies.')
param actionGroupId string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: vaultName
}

resource functionRotator 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, functionPrincipalId, secretRotatorRoleGuid)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretRotatorRoleGuid)
    principalId: functionPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// The access review reads who can read this vault (role assignments, definitions, PIM schedules) and its mode.
resource functionAccessReviewer 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, functionPrincipalId, accessReviewerRoleGuid)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', accessReviewerRoleGuid)
    principalId: functionPrincipalId
    principalType: 'ServicePrincipal'
  }
}

module events 'vaultEvents.bicep' = {
  name: 'kvrotator-events-${vaultName}'
  params: {
    vaultName: vaultName
    systemTopicName: systemTopicName
    location: vault.location
    tags: tags
    functionAppId: functionAppId
    deadLetterStorageAccountId: deadLetterStorageAccountId
    deadLetterContainerName: deadLetterContainerName
    logAnalyticsWorkspaceId: logAnalyticsWorkspaceId
    subscribeToEvents: subscribeToEvents
    maxDeliveryAttempts: maxDeliveryAttempts
    eventTimeToLiveInMinutes: eventTimeToLiveInMinutes
  }
}

module deadLetterAlert 'deadLetterAlert.bicep' = {
  name: 'kvrotator-dead-letter-alert-${vaultName}'
  params: {
    topicName: systemTopicName
    tags: tags
    actionGroupId: actionGroupId
  }
  dependsOn: [
    events
  ]
}

module storageKeyOperators 'storageKeyOperator.bicep' = [for resourceId in rotates: if (contains(toLower(resourceId), '/providers/microsoft.storage/storageaccounts/')) {
  name: 'kvrotator-key-operator-${uniqueString(vaultName, resourceId)}'
  scope: resourceGroup(split(resourceId, '/')[2], split(resourceId, '/')[4])
  params: {
    storageAccountName: last(split(resourceId, '/'))
    functionPrincipalId: functionPrincipalId
    permissionReaderRoleGuid: storagePermissionReaderRoleGuid
  }
}]

module cognitiveServicesKeyOperators 'cognitiveServicesKeyOperator.bicep' = [for resourceId in rotates: if (contains(toLower(resourceId), '/providers/microsoft.cognitiveservices/accounts/')) {
  name: 'kvrotator-ai-key-operator-${uniqueString(vaultName, resourceId)}'
  scope: resourceGroup(split(resourceId, '/')[2], split(resourceId, '/')[4])
  params: {
    accountName: last(split(resourceId, '/'))
    functionPrincipalId: functionPrincipalId
    roleGuid: cognitiveServicesKeyOperatorRoleGuid
  }
}]

module searchAdminKeyOperators 'searchAdminKeyOperator.bicep' = [for resourceId in rotates: if (contains(toLower(resourceId), '/providers/microsoft.search/searchservices/')) {
  name: 'kvrotator-search-key-operator-${uniqueString(vaultName, resourceId)}'
  scope: resourceGroup(split(resourceId, '/')[2], split(resourceId, '/')[4])
  params: {
    searchServiceName: last(split(resourceId, '/'))
    functionPrincipalId: functionPrincipalId
    roleGuid: searchAdminKeyOperatorRoleGuid
  }
}]

module containerRegistryCredentialOperators 'containerRegistryCredentialOperator.bicep' = [for resourceId in rotates: if (contains(toLower(resourceId), '/providers/microsoft.containerregistry/registries/')) {
  name: 'kvrotator-acr-operator-${uniqueString(vaultName, resourceId)}'
  scope: resourceGroup(split(resourceId, '/')[2], split(resourceId, '/')[4])
  params: {
    registryName: last(split(resourceId, '/'))
    functionPrincipalId: functionPrincipalId
    roleGuid: containerRegistryCredentialOperatorRoleGuid
  }
}]

module batchAccountKeyOperators 'batchAccountKeyOperator.bicep' = [for resourceId in rotates: if (contains(toLower(resourceId), '/providers/microsoft.batch/batchaccounts/')) {
  name: 'kvrotator-batch-operator-${uniqueString(vaultName, resourceId)}'
  scope: resourceGroup(split(resourceId, '/')[2], split(resourceId, '/')[4])
  params: {
    batchAccountName: last(split(resourceId, '/'))
    functionPrincipalId: functionPrincipalId
    roleGuid: batchAccountKeyOperatorRoleGuid
  }
}]

module serviceBusKeyOperators 'serviceBusKeyOperator.bicep' = [for resourceId in rotates: if (contains(toLower(resourceId), '/providers/microsoft.servicebus/namespaces/')) {
  name: 'kvrotator-sb-key-operator-${uniqueString(vaultName, resourceId)}'
  scope: resourceGroup(split(resourceId, '/')[2], split(resourceId, '/')[4])
  params: {
    namespaceName: split(resourceId, '/')[8]
    functionPrincipalId: functionPrincipalId
    roleGuid: serviceBusKeyOperatorRoleGuid
  }
}]

module eventHubsKeyOperators 'eventHubsKeyOperator.bicep' = [for resourceId in rotates: if (contains(toLower(resourceId), '/providers/microsoft.eventhub/namespaces/')) {
  name: 'kvrotator-evh-key-operator-${uniqueString(vaultName, resourceId)}'
  scope: resourceGroup(split(resourceId, '/')[2], split(resourceId, '/')[4])
  params: {
    namespaceName: split(resourceId, '/')[8]
    functionPrincipalId: functionPrincipalId
    roleGuid: eventHubsKeyOperatorRoleGuid
  }
}]

module redisKeyOperators 'redisKeyOperator.bicep' = [for resourceId in rotates: if (contains(toLower(resourceId), '/providers/microsoft.cache/redis/')) {
  name: 'kvrotator-redis-key-operator-${uniqueString(vaultName, resourceId)}'
  scope: resourceGroup(split(resourceId, '/')[2], split(resourceId, '/')[4])
  params: {
    cacheName: last(split(resourceId, '/'))
    functionPrincipalId: functionPrincipalId
    redisKeyOperatorRoleGuid: redisKeyOperatorRoleGuid
  }
}]

module cosmosDbKeyOperators 'cosmosDbKeyOperator.bicep' = [for resourceId in rotates: if (contains(toLower(resourceId), '/providers/microsoft.documentdb/databaseaccounts/')) {
  name: 'kvrotator-cosmos-key-operator-${uniqueString(vaultName, resourceId)}'
  scope: resourceGroup(split(resourceId, '/')[2], split(resourceId, '/')[4])
  params: {
    accountName: last(split(resourceId, '/'))
    functionPrincipalId: functionPrincipalId
    cosmosDbKeyOperatorRoleGuid: cosmosDbKeyOperatorRoleGuid
  }
}]

output topicPrincipalId string = events.outputs.topicPrincipalId
