// kv-rotator's custom roles, defined once per subscription and environment. No built-in role fits: Key Vault
// Secrets Officer also deletes, backs up, restores and purges secrets; Key Vault Secrets User cannot write; no
// built-in role lets a principal list and regenerate a container registry's or a Batch account's keys and nothing
// else. Every key operator also reads the function's own permissions on its resource
// (Microsoft.Authorization/permissions/read), for the permission preflight of status and dry runs.
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

// Azure AI services / Azure OpenAI accounts (CognitiveServicesKey): list and regenerate Key1/Key2, nothing else. No
// built-in role is that narrow (Cognitive Services Contributor also creates and deletes accounts and deployments).
resource cognitiveServicesKeyOperator 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, env, 'kv-rotator cognitive services key operator')
  properties: {
    roleName: 'kv-rotator Cognitive Services Key Operator (${env}, ${subscription().subscriptionId})'
    description: 'List and regenerate the keys of Azure AI services accounts. Nothing else.'
    type: 'CustomRole'
    permissions: [
      {
        actions: [
          'Microsoft.CognitiveServices/accounts/listKeys/action'
          'Microsoft.CognitiveServices/accounts/regenerateKey/action'
          'Microsoft.Authorization/permissions/read'
        ]
        notActions: []
        dataActions: []
        notDataActions: []
      }
    ]
    assignableScopes: [for id in subscriptionIds: '/subscriptions/${id}']
  }
}

// Azure AI Search services (SearchAdminKey): list and regenerate the primary/secondary admin keys, nothing else. No
// built-in role is that narrow (Search Service Contributor also creates, changes and deletes services).
resource searchAdminKeyOperator 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, env, 'kv-rotator search admin key operator')
  properties: {
    roleName: 'kv-rotator Search Admin Key Operator (${env}, ${subscription().subscriptionId})'
    description: 'List and regenerate the admin keys of Azure AI Search services. Nothing else.'
    type: 'CustomRole'
    permissions: [
      {
        actions: [
          'Microsoft.Search/searchServices/listAdminKeys/action'
          'Microsoft.Search/searchServices/regenerateAdminKey/action'
          'Microsoft.Authorization/permissions/read'
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
output cognitiveServicesKeyOperatorRoleGuid string = cognitiveServicesKeyOperator.name
output searchAdminKeyOperatorRoleGuid string = searchAdminKeyOperator.name

// The function, on each container registry an onboarded vault rotates: read the registry (is its admin user
// enabled?), list and regenerate the admin user's passwords. Nothing else (no pull, no push).
resource containerRegistryCredentialOperator 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, env, 'kv-rotator container registry credential operator')
  properties: {
    roleName: 'kv-rotator Container Registry Credential Operator (${env}, ${subscription().subscriptionId})'
    description: 'Read a container registry, list and regenerate its admin user passwords. Nothing else.'
    type: 'CustomRole'
    permissions: [
      {
        actions: [
          'Microsoft.ContainerRegistry/registries/read'
          'Microsoft.ContainerRegistry/registries/listCredentials/action'
          'Microsoft.ContainerRegistry/registries/regenerateCredential/action'
          'Microsoft.Authorization/permissions/read'
        ]
        notActions: []
        dataActions: []
        notDataActions: []
      }
    ]
    assignableScopes: [for id in subscriptionIds: '/subscriptions/${id}']
  }
}

// The function, on each Batch account an onboarded vault rotates: list and regenerate the shared keys, and read the
// account for the region of the Batch endpoint a new key is tried on. Nothing else (no pools, jobs or applications).
resource batchAccountKeyOperator 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, env, 'kv-rotator batch account key operator')
  properties: {
    roleName: 'kv-rotator Batch Account Key Operator (${env}, ${subscription().subscriptionId})'
    description: 'Read a Batch account, list and regenerate its shared keys. Nothing else.'
    type: 'CustomRole'
    permissions: [
      {
        actions: [
          'Microsoft.Batch/batchAccounts/read'
          'Microsoft.Batch/batchAccounts/listkeys/action'
          'Microsoft.Batch/batchAccounts/regeneratekeys/action'
          'Microsoft.Authorization/permissions/read'
        ]
        notActions: []
        dataActions: []
        notDataActions: []
      }
    ]
    assignableScopes: [for id in subscriptionIds: '/subscriptions/${id}']
  }
}

output containerRegistryCredentialOperatorRoleGuid string = containerRegistryCredentialOperator.name
output batchAccountKeyOperatorRoleGuid string = batchAccountKeyOperator.name

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
          'Microsoft.Authorization/permissions/read'
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
          'Microsoft.Authorization/permissions/read'
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
          'Microsoft.Authorization/permissions/read'
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
          'Microsoft.Authorization/permissions/read'
        ]
        notActions: []
        dataActions: []
        notDataActions: []
      }
    ]
    assignableScopes: [for id in subscriptionIds: '/subscriptions/${id}']
  }
}

output redisKeyOperatorRoleGuid string = redisKeyOperator.name
output cosmosDbKeyOperatorRoleGuid string = cosmosDbKeyOperator.name

// The function on every managed vault, for the access review: read the role assignments at, above and below the
// vault, the role definitions they name, PIM's schedule instances (standing or activated, eligible), its own
// permissions, and the vault resource (RBAC or access-policy mode, owner tags). Reads only; no data action. Reader
// would do too but reads everything else in the vault's resource group's scope as well.
resource accessReviewer 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, env, 'kv-rotator access reviewer')
  properties: {
    roleName: 'kv-rotator Access Reviewer (${env}, ${subscription().subscriptionId})'
    description: 'Read role assignments, role definitions, PIM schedule instances and the vault. Nothing else.'
    type: 'CustomRole'
    permissions: [
      {
        actions: [
          'Microsoft.Authorization/roleAssignments/read'
          'Microsoft.Authorization/roleDefinitions/read'
          'Microsoft.Authorization/roleAssignmentScheduleInstances/read'
          'Microsoft.Authorization/roleEligibilityScheduleInstances/read'
          'Microsoft.Authorization/permissions/read'
          'Microsoft.KeyVault/vaults/read'
        ]
        notActions: []
        dataActions: []
        notDataActions: []
      }
    ]
    assignableScopes: [for id in subscriptionIds: '/subscriptions/${id}']
  }
}

// The function on each rotated storage account, beside the built-in Storage Account Key Operator Service Role
// (which cannot list permissions): its own permissions there, for the preflight. Nothing else.
resource storagePermissionReader 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, env, 'kv-rotator storage permission reader')
  properties: {
    roleName: 'kv-rotator Storage Permission Reader (${env}, ${subscription().subscriptionId})'
    description: 'List the caller\'s own permissions on a storage account. Nothing else.'
    type: 'CustomRole'
    permissions: [
      {
        actions: [
          'Microsoft.Authorization/permissions/read'
        ]
        notActions: []
        dataActions: []
        notDataActions: []
      }
    ]
    assignableScopes: [for id in subscriptionIds: '/subscriptions/${id}']
  }
}

output accessReviewerRoleGuid string = accessReviewer.name
output storagePermissionReaderRoleGuid string = storagePermissionReader.name
