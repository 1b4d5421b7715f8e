// Lets the function regenerate the keys of one storage account whose key kv-rotator rotates, and list its own
// permissions there for the preflight of status and dry runs.

param storageAccountName string
param functionPrincipalId string
@description('kv-rotator Storage Permission Reader (rotatorRoles.bicep): Microsoft.Authorization/permissions/read only.')
param permissionReaderRoleGuid string

// https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/storage#storage-account-key-operator-service-role
// listkeys and regeneratekey only: the least a key rotation needs.
var storageAccountKeyOperator = '81a9662b-bebf-436f-a333-f67b29880f12'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource keyOperator 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, functionPrincipalId, storageAccountKeyOperator)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageAccountKeyOperator)
    principalId: functionPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource permissionReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, functionPrincipalId, permissionReaderRoleGuid)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', permissionReaderRoleGuid)
    principalId: functionPrincipalId
    principalType: 'ServicePrincipal'
  }
}
