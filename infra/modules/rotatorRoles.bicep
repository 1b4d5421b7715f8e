// kv-rotator's custom roles, defined once per subscription and environment. No built-in role fits: Key Vault
// Secrets Officer also deletes, backs up, restores and purges secrets; Key Vault Secrets User cannot write; the key
// operators below have no built-in equivalent as narrow.
targetScope = 'subscription'

param env string

@description('Subscriptions holding vaults kv-rotator manages: the roles must be assignable there.')
param subscriptionIds array

// The function: read the latest value (proof of possession), list versions, write new versions, disable and tag
// superseded ones (revocation); list certificates for the sweep. No delete, backup, restore, recover or purge.
resource secretRotator 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, env, 'kv-rotator secret rotator')
  properties: {
    roleName: 'kv-rotator Secret Rotator (${env}, ${subscription().subscriptionId})'
    description: 'Get, list and set Key Vault secrets and update their attributes; list certificates. Nothing else.'
    type: 'CustomRole'
    permissions: [
      {
        actions: []
        notActions: []
        dataActions: [
          'Microsoft.KeyVault/vaults/secrets/getSecret/action'
          'Microsoft.KeyVault/vaults/secrets/readMetadata/action'
          'Microsoft.KeyVault/vaults/secrets/setSecret/action'
          'Microsoft.KeyVault/vaults/secrets/update/action'
          'Microsoft.KeyVault/vaults/certificates/read'
        ]
        notDataActions: []
      }
    ]
    assignableScopes: [for id in subscriptionIds: '/subscriptions/${id}']
  }
}

// The function on each Azure Cache for Redis an onboarded vault's secrets rotate (CredentialType=RedisKey): list and
// regenerate the access keys. Redis Cache Contributor, the narrowest built-in role with both, may also change and
// delete caches.
resource redisKeyOperator 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, env, 'kv-rotator redis key operator')
  properties: {
    roleName: 'kv-rotator Redis Key Operator (${env}, ${subscription().subscriptionId})'
    description: 'List and regenerate the access keys of an Azure Cache for Redis. Nothing else.'
    type: 'CustomRole'
    permissions: [
      {
        actions: [
          'Microsoft.Cache/redis/listKeys/action'
          'Microsoft.Cache/redis/regenerateKey/action'
        ]
        notActions: []
        dataActions: []
        notDataActions: []
      }
    ]
    assignableScopes: [for id in subscriptionIds: '/subscriptions/${id}']
  }
}

// The function on each Cosmos DB account an onboarded vault's secrets rotate (CredentialType=CosmosDbKey): list and
// regenerate the read-write and read-only keys. DocumentDB Account Contributor, the narrowest built-in role with
// both, may also change and delete accounts.
resource cosmosDbKeyOperator 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, env, 'kv-rotator cosmos db key operator')
  properties: {
    roleName: 'kv-rotator Cosmos DB Key Operator (${env}, ${subscription().subscriptionId})'
    description: 'List and regenerate the keys of a Cosmos DB account. Nothing else.'
    type: 'CustomRole'
    permissions: [
      {
        actions: [
          'Microsoft.DocumentDB/databaseAccounts/listKeys/action'
          'Microsoft.DocumentDB/databaseAccounts/regenerateKey/action'
        ]
        notActions: []
        dataActions: []
        notDataActions: []
      }
    ]
    assignableScopes: [for id in subscriptionIds: '/subscriptions/${id}']
  }
}

// The pipeline: write secret versions and read their tags (seed-secrets.sh compares a hash kept in a tag), never a
// value.
resource secretSeeder 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, env, 'kv-rotator secret seeder')
  properties: {
    roleName: 'kv-rotator Secret Seeder (${env}, ${subscription().subscriptionId})'
    description: 'Set Key Vault secrets and read their metadata; never read a value.'
    type: 'CustomRole'
    permissions: [
      {
        actions: []
        notActions: []
        dataActions: [
          'Microsoft.KeyVault/vaults/secrets/readMetadata/action'
          'Microsoft.KeyVault/vaults/secrets/setSecret/action'
        ]
        notDataActions: []
      }
    ]
    assignableScopes: [for id in subscriptionIds: '/subscriptions/${id}']
  }
}

output secretRotatorRoleGuid string = secretRotator.name
output secretSeederRoleGuid string = secretSeeder.name
output redisKeyOperatorRoleGuid string = redisKeyOperator.name
output cosmosDbKeyOperatorRoleGuid string = cosmosDbKeyOperator.name
