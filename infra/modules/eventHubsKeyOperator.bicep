// Lets the function list and regenerate the authorization rule keys of one Event Hubs namespace: its own rules
// and its event hubs', where a secret of an onboarded vault holds one rule's key.

param namespaceName string
param functionPrincipalId string
@description('The GUID of kv-rotator Event Hubs Key Operator (rotatorRoles.bicep): listkeys and regenerateKeys only.')
param roleGuid string

resource namespace 'Microsoft.EventHub/namespaces@2024-01-01' existing = {
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
