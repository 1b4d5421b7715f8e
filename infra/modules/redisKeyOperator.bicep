// Lets the function list and regenerate the access keys of one Azure Cache for Redis whose key kv-rotator rotates.

param cacheName string
param functionPrincipalId string
@description('kv-rotator Redis Key Operator (rotatorRoles.bicep): listKeys and regenerateKey only.')
param redisKeyOperatorRoleGuid string

resource cache 'Microsoft.Cache/redis@2024-11-01' existing = {
  name: cacheName
}

resource keyOperator 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(cache.id, functionPrincipalId, redisKeyOperatorRoleGuid)
  scope: cache
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', redisKeyOperatorRoleGuid)
    principalId: functionPrincipalId
    principalType: 'ServicePrincipal'
  }
}
