// Lets the function list and regenerate the keys of one Azure AI services / Azure OpenAI account whose key
// kv-rotator rotates (CredentialType=CognitiveServicesKey).

param accountName string
param functionPrincipalId string
@description('kv-rotator Cognitive Services Key Operator, defined by rotatorRoles.bicep: listKeys and regenerateKey only.')
param roleGuid string

resource account 'Microsoft.CognitiveServices/accounts@2024-10-01' existing = {
  name: accountName
}

resource keyOperator 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, functionPrincipalId, roleGuid)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleGuid)
    principalId: functionPrincipalId
    principalType: 'ServicePrincipal'
  }
}
