// Key Vault's expiry events, delivered to our two Event Grid functions: an Event Grid system topic on the vault and
// one subscription per event type, retried, then dead-lettered to the function's storage account (which may be in
// another resource group: modules/deadLetterWriter.bicep gives the topic's identity its role there).
// Event Grid checks that the target function exists, so the subscriptions are created only after the code has
// been deployed (subscribeToEvents; see docs/DEPLOY.md).

param vaultName string
@description('The vault\'s Event Grid system topic: the one it already has (a vault can have only one), or a new one.')
param systemTopicName string
param location string
param tags object
param functionAppId string
param deadLetterStorageAccountId string
param deadLetterContainerName string
param logAnalyticsWorkspaceId string
param subscribeToEvents bool = true
@minValue(1)
@maxValue(30)
param maxDeliveryAttempts int
@minValue(1)
@maxValue(1440)
param eventTimeToLiveInMinutes int

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: vaultName
}

resource topic 'Microsoft.EventGrid/systemTopics@2022-06-15' = {
  name: systemTopicName
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    source: vault.id
    topicType: 'Microsoft.KeyVault.vaults'
  }
}

var retryPolicy = {
  maxDeliveryAttempts: maxDeliveryAttempts
  eventTimeToLiveInMinutes: eventTimeToLiveInMinutes
}

var deadLetter = {
  identity: {
    type: 'SystemAssigned'
  }
  deadLetterDestination: {
    endpointType: 'StorageBlob'
    properties: {
      resourceId: deadLetterStorageAccountId
      blobContainerName: deadLetterContainerName
    }
  }
}

resource nearExpiry 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2022-06-15' = if (subscribeToEvents) {
  parent: topic
  name: 'secret-near-expiry'
  properties: {
    eventDeliverySchema: 'EventGridSchema'
    filter: {
      includedEventTypes: [
        'Microsoft.KeyVault.SecretNearExpiry'
      ]
    }
    destination: {
      endpointType: 'AzureFunction'
      properties: {
        resourceId: '${functionAppId}/functions/SecretNearExpiry'
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    retryPolicy: retryPolicy
    deadLetterWithResourceIdentity: deadLetter
  }
}

resource expired 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2022-06-15' = if (subscribeToEvents) {
  parent: topic
  name: 'secret-expired'
  properties: {
    eventDeliverySchema: 'EventGridSchema'
    filter: {
      includedEventTypes: [
        'Microsoft.KeyVault.SecretExpired'
      ]
    }
    destination: {
      endpointType: 'AzureFunction'
      properties: {
        resourceId: '${functionAppId}/functions/SecretExpired'
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    retryPolicy: retryPolicy
    deadLetterWithResourceIdentity: deadLetter
  }
}

resource deliveryFailures 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: topic
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logAnalyticsDestinationType: 'Dedicated'
    logs: [
      {
        category: 'DeliveryFailures'
        enabled: true
      }
    ]
  }
}

output topicPrincipalId string = topic.identity.principalId
