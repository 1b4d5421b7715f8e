// The Function App's own storage account: host state (identity-based AzureWebJobsStorage), the deployment
// package (Flex Consumption), rotation lease blobs, notification state and Event Grid dead letters.
// Shared keys are off: everything reaches it through managed identities.

param name string
param location string
param tags object

// Blob containers the app and Event Grid write to. The host creates its own azure-webjobs-* containers.
var containerNames = [
  'app-package'
  'rotation-locks'
  'notification-state'
  'eventgrid-deadletter'
]

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [for containerName in containerNames: {
  parent: blobService
  name: containerName
  properties: {
    publicAccess: 'None'
  }
}]

output name string = storage.name
output id string = storage.id
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output deploymentContainerName string = 'app-package'
output deadLetterContainerName string = 'eventgrid-deadletter'
