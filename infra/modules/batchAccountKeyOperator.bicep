// Lets the function list and regenerate the shared keys of one Batch account whose key kv-rotator rotates.

param batchAccountName string
param functionPrincipalId string
@description('The kv-rotator Batch Account Key Operator custom role (rotatorRoles.bicep): read the account, list and regenerate its keys.')
param roleGuid string

resource batchAccount 'Microsoft.Batch/batchAccounts@2024-07-01' existing = {
  name: batchAccountName
}

resource keyOperator 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(batchAccount.id, functionPrincipalId, roleGuid)
  scope: batchAccount
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleGuid)
    principalId: functionPrincipalId
    principalType: 'ServicePrincipal'
  }
}
