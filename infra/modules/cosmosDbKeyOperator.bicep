// Lets the function list and regenerate the keys of one Cosmos DB account whose key kv-rotator rotates.

param accountName string
param functionPrincipalId string
@description('kv-rotator Cosmos DB Key Operator (rotatorRoles.bicep): listKeys and regenerateKey only.')
param cosmosDbKeyOperatorRoleGuid string

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' existing = {
  name: accountName
}

resource keyOperator 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, functionPrincipalId, cosmosDbKeyOperatorRoleGuid)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', cosmosDbKeyOperatorRoleGuid)
    principalId: functionPrincipalId
    principalType: 'ServicePrincipal'
  }
}
