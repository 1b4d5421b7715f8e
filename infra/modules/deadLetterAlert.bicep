// The dead-lettered-events alert of an onboarded vault's system topic, in the topic's resource group, notifying
// kv-rotator's action group (modules/alerts.bicep has the product vault's).

param topicName string
param tags object
param actionGroupId string

resource deadLettered 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: 'alert-${topicName}-dead-lettered'
  location: 'global'
  tags: tags
  properties: {
    description: 'Event Grid gave up delivering an expiry event to kv-rotator and dead-lettered it. See docs/DEPLOY.md, Alerts.'
    severity: 1
    enabled: true
    scopes: [
      resourceId('Microsoft.EventGrid/systemTopics', topicName)
    ]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT1H'
    autoMitigate: true
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'dead-lettered'
          metricNamespace: 'Microsoft.EventGrid/systemTopics'
          metricName: 'DeadLetteredCount'
          timeAggregation: 'Total'
          operator: 'GreaterThan'
          threshold: 0
        }
      ]
    }
    actions: [
      {
        actionGroupId: actionGroupId
      }
    ]
  }
}
