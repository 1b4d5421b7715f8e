// Lets the function list and regenerate the authorization rule keys of one Service Bus namespace: its own rules
// and its queues' and topics', where a secret of an onboarded vault holds one rule's key.

param namespaceName string
param functionPrincipalId string
@description('The GUID of kv-rotator Service Bus Key Operator (rotatorRoles.bicep): listkeys and regenerateKeys only.')
param roleGuid string

resource namespace 'Microsoft.ServiceBus/namespaces@2021-11-01' existing = {
  name: namespaceName
}

resource keyOperator 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(namespace.id, functionPrincipalId, roleGuid)
  scope: namespace
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleGuid)
    principalId: functionPrincipalId
    principalType: 'ServicePrincipal'
  }
}
