// A vault kv-rotator manages, to the organisation's standard: RBAC authorization, soft delete, purge protection,
// audit logs to Log Analytics. The function's identity may manage secrets and read certificate metadata.

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
@description('Object ID of the principal that seeds secrets from the pipeline variable group; empty for none.')
param seederPrincipalId string = ''

// https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/security#key-vault-secrets-officer
// Read, write and disable secret versions: the rotation protocol stores every new credential as a new version.
var keyVaultSecretsOfficer = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
// https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/security#key-vault-reader
// The sweep lists certificates to report their expiry. Key Vault Reader reads certificate (and key and secret)
// metadata but no values; Key Vault Certificate User would also let the identity read the certificate's private
// key through the secrets endpoint, which the sweep never needs.
var keyVaultReader = '21090545-7ca7-4776-b22c-e363652d74d2'

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

resource functionSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, functionPrincipalId, keyVaultSecretsOfficer)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsOfficer)
    principalId: functionPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource functionReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, functionPrincipalId, keyVaultReader)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultReader)
    principalId: functionPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource seederSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(seederPrincipalId)) {
  name: guid(vault.id, seederPrincipalId, keyVaultSecretsOfficer)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsOfficer)
    principalId: seederPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output id string = vault.id
output name string = vault.name
output uri string = vault.properties.vaultUri
