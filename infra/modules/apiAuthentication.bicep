// App Service authentication in front of the Function App: a request without a Microsoft Entra token issued by
// this tenant for the kv-rotator API app registration gets 401, and for one with it the platform sets the caller's
// identity (X-MS-CLIENT-PRINCIPAL; WEBSITE_AUTH_ENABLED=True). The app registration and its app roles are created
// with the commands in docs/DEPLOY.md ("Callers"): Bicep can create one only through the Microsoft Graph extension.

param functionAppName string
@minLength(36)
@maxLength(36)
param apiClientId string

// Event Grid delivers to an AzureFunction endpoint with the Event Grid extension's system key, never with a
// Microsoft Entra token, so this path is left to the Functions host, which still requires that key.
var eventGridWebhookPath = '/runtime/webhooks/EventGrid'

resource site 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

resource authentication 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'Return401'
      excludedPaths: [
        eventGridWebhookPath
      ]
    }
    httpSettings: {
      requireHttps: true
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: apiClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [
            apiClientId
            'api://${apiClientId}'
          ]
        }
      }
    }
    login: {
      tokenStore: {
        enabled: false
      }
    }
  }
}
