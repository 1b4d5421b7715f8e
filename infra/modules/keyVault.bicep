// The product vault kv-rotator creates and manages, to the organisation's standard: RBAC authorization, soft
// delete, purge protection, audit logs to Log Analytics. The function's identity holds the Secret Rotator and Access
// Reviewer custom roles on it; the pipeline's, the Secret Seeder role (modules/rotatorRoles.bicep).

param name string
param location string
param tags object
@minValue(7)
@maxValue(90)
@description('Cannot be changed once the vault exists.')
param softDeleteRetentionInDays int
@allowed([
  'Enabled'
  'Disabled'
])
param publicNetworkAccess string
param logAnalyticsWorkspaceId string
param functionPrincipalId string
@description('Name (GUID) of the custom role kv-rotator Secret Rotator (modules/rotatorRoles.bicep).')
param secretRotatorRoleGuid string
@description('Name (GUID) of the custom role kv-rotator Access Reviewer (modules/rotatorRoles.bicep).')
param accessReviewerRoleGuid string
@description('Object ID of the principal that seeds secrets from the pipeline variable group; empty for none.')
param seederPrincipalId string = ''
@description('Name (GUID) of the custom role kv-rotator Secret Seeder (modules/rotatorRoles.bicep).')
param secretSeederRoleGuid string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    enablePurgeProtection: true
    publicNetworkAccess: publicNetworkAccess
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: publicNetworkAccess == 'Enabled' ? 'Allow' : 'Deny'
    }
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: vault
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logAnalyticsDestinationType: 'Dedicated'
    logs: [
      {
        categoryGroup: 'audit'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

resource functionRotator 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, functionPrincipalId, secretRotatorRoleGuid)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretRotatorRoleGuid)
    principalId: functionPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// The access review reads who can read this vault (role assignments, definitions, PIM schedules) and its mode.
resource functionAccessReviewer 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, functionPrincipalId, accessReviewerRoleGuid)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', accessReviewerRoleGuid)
    principalId: functionPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource seeder 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(seederPrincipalId)) {
  name: guid(vault.id, seederPrincipalId, secretSeederRoleGuid)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretSeederRoleGuid)
    principalId: seederPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output id string = vault.id
output name string = vault.name
output uri string = vault.properties.vaultUri
