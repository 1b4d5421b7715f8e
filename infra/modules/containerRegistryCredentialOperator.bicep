// Lets the function list and regenerate the admin passwords of one container registry whose password kv-rotator
// rotates.

param registryName string
param functionPrincipalId string
@description('The kv-rotator Container Registry Credential Operator custom role (rotatorRoles.bicep): read the registry, list and regenerate its admin passwords.')
param roleGuid string

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: registryName
}

resource credentialOperator 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, functionPrincipalId, roleGuid)
  scope: registry
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleGuid)
    principalId: functionPrincipalId
    principalType: 'ServicePrincipal'
  }
}
