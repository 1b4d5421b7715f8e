// Lets the function list and regenerate the admin keys of one Azure AI Search service whose admin key kv-rotator
// rotates (CredentialType=SearchAdminKey).

param searchServiceName string
param functionPrincipalId string
@description('kv-rotator Search Admin Key Operator, defined by rotatorRoles.bicep: listAdminKeys and regenerateAdminKey only.')
param roleGuid string

resource searchService 'Microsoft.Search/searchServices@2025-05-01' existing = {
  name: searchServiceName
}

resource keyOperator 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(searchService.id, functionPrincipalId, roleGuid)
  scope: searchService
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleGuid)
    principalId: functionPrincipalId
    principalType: 'ServicePrincipal'
  }
}
