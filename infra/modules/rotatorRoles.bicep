// kv-rotator's custom roles, defined once per subscription and environment. No built-in role fits: Key Vault
// Secrets Officer also deletes, backs up, restores and purges secrets; Key Vault Secrets User cannot write.
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

// The function on each Service Bus namespace an onboarded vault rotates a rule of: list and regenerate the keys of
// the namespace's authorization rules and of its queues' and topics'. No built-in role is that narrow: Azure Service
// Bus Data Owner is data plane only, Contributor writes everything.
resource serviceBusKeyOperator 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, env, 'kv-rotator service bus key operator')
  properties: {
    roleName: 'kv-rotator Service Bus Key Operator (${env}, ${subscription().subscriptionId})'
    description: 'List and regenerate the keys of Service Bus authorization rules (namespace, queue, topic). Nothing else.'
    type: 'CustomRole'
    permissions: [
      {
        actions: [
          'Microsoft.ServiceBus/namespaces/authorizationRules/listkeys/action'
          'Microsoft.ServiceBus/namespaces/authorizationRules/regenerateKeys/action'
          'Microsoft.ServiceBus/namespaces/queues/authorizationRules/listkeys/action'
          'Microsoft.ServiceBus/namespaces/queues/authorizationRules/regenerateKeys/action'
          'Microsoft.ServiceBus/namespaces/topics/authorizationRules/listkeys/action'
          'Microsoft.ServiceBus/namespaces/topics/authorizationRules/regenerateKeys/action'
        ]
        notActions: []
        dataActions: []
        notDataActions: []
      }
    ]
    assignableScopes: [for id in subscriptionIds: '/subscriptions/${id}']
  }
}

// The same for Event Hubs namespaces: their authorization rules and their event hubs'.
resource eventHubsKeyOperator 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, env, 'kv-rotator event hubs key operator')
  properties: {
    roleName: 'kv-rotator Event Hubs Key Operator (${env}, ${subscription().subscriptionId})'
    description: 'List and regenerate the keys of Event Hubs authorization rules (namespace, event hub). Nothing else.'
    type: 'CustomRole'
    permissions: [
      {
        actions: [
          'Microsoft.EventHub/namespaces/authorizationRules/listkeys/action'
          'Microsoft.EventHub/namespaces/authorizationRules/regenerateKeys/action'
          'Microsoft.EventHub/namespaces/eventhubs/authorizationRules/listkeys/action'
          'Microsoft.EventHub/namespaces/eventhubs/authorizationRules/regenerateKeys/action'
        ]
        notActions: []
        dataActions: []
        notDataActions: []
      }
    ]
    assignableScopes: [for id in subscriptionIds: '/subscriptions/${id}']
  }
}

output serviceBusKeyOperatorRoleGuid string = serviceBusKeyOperator.name
output eventHubsKeyOperatorRoleGuid string = eventHubsKeyOperator.name
