// The Event Grid custom topic kv-rotator publishes its rotation events to (CloudEvents 1.0), for environments that
// want them: Entra ID only (no topic keys), and the function's identity may send to it. README, "Events for
// machines", lists the events; docs/DEPLOY.md shows consumers subscribing to them.

param enabled bool
param name string
param location string
param tags object
param functionPrincipalId string

// https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/integration#eventgrid-data-sender
var eventGridDataSender = 'd5a91429-5739-47e2-a06b-3470a27159e7'

resource topic 'Microsoft.EventGrid/topics@2022-06-15' = if (enabled) {
  name: name
  location: location
  tags: tags
  properties: {
    inputSchema: 'CloudEventSchemaV1_0'
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
  }
}

resource dataSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (enabled) {
  name: guid(topic.id, functionPrincipalId, eventGridDataSender)
  scope: topic
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', eventGridDataSender)
    principalId: functionPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output endpoint string = enabled ? topic.properties.endpoint : ''
