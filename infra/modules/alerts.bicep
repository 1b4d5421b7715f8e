// What tells the platform team that kv-rotator itself is failing: an action group (email, and Teams when a webhook
// URL is given) and four alert rules: failed function invocations, dead-lettered expiry events, notices that
// reached no channel, and a daily sweep that has not completed for 26 hours. docs/DEPLOY.md ("Alerts") says what
// each one means and what to do.

param baseName string
param location string
param tags object
param logAnalyticsWorkspaceId string
@description('Event Grid system topics whose dead-lettered events alert.')
param eventTopicNames array
@minLength(1)
param emailAddresses array
@secure()
@description('Teams Workflows webhook URL; empty for email only.')
param teamsWebhookUrl string

// The log lines of the Functions host and of the Java worker, through the Function App's diagnostic setting
// (FunctionAppLogs) or through Application Insights (AppTraces); isfuzzy lets the query run while a table is absent.
var hostLogs = 'union isfuzzy=true (FunctionAppLogs | project TimeGenerated, Message), (AppTraces | project TimeGenerated, Message)'

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: 'ag-${baseName}'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: take('kvr-${baseName}', 12)
    enabled: true
    emailReceivers: [for (address, index) in emailAddresses: {
      name: 'email-${index}'
      emailAddress: address
      useCommonAlertSchema: true
    }]
    webhookReceivers: empty(teamsWebhookUrl) ? [] : [
      {
        name: 'teams'
        serviceUri: teamsWebhookUrl
        useCommonAlertSchema: true
      }
    ]
  }
}

resource functionFailures 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: 'alert-${baseName}-function-failures'
  location: location
  tags: tags
  properties: {
    displayName: 'kv-rotator ${baseName}: a function invocation failed'
    description: 'The Functions host logged an invocation as Failed: a rotation, an expiry event or the sweep threw. See docs/DEPLOY.md, Alerts.'
    severity: 2
    enabled: true
    scopes: [
      logAnalyticsWorkspaceId
    ]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT15M'
    skipQueryValidation: true
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: '${hostLogs} | where Message startswith "Executed " and Message contains "(Failed,"'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
        }
      ]
    }
    actions: {
      actionGroups: [
        actionGroup.id
      ]
    }
  }
}

resource undeliveredNotices 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: 'alert-${baseName}-undelivered-notices'
  location: location
  tags: tags
  properties: {
    displayName: 'kv-rotator ${baseName}: a notice reached no channel'
    description: 'notice.undelivered: Teams and email both failed for a notice; the log line is its only record. See docs/DEPLOY.md, Alerts.'
    severity: 1
    enabled: true
    scopes: [
      logAnalyticsWorkspaceId
    ]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT15M'
    skipQueryValidation: true
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: '${hostLogs} | where Message contains "notice.undelivered"'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
        }
      ]
    }
    actions: {
      actionGroups: [
        actionGroup.id
      ]
    }
  }
}

// Fires while no sweep.done line was logged in the last 26 hours: the daily sweep did not run, or did not finish.
resource sweepOverdue 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: 'alert-${baseName}-sweep-overdue'
  location: location
  tags: tags
  properties: {
    displayName: 'kv-rotator ${baseName}: no completed expiry sweep for 26 hours'
    description: 'ExpirySweep has not logged sweep.done for 26 hours. See docs/DEPLOY.md, Alerts.'
    severity: 1
    enabled: true
    scopes: [
      logAnalyticsWorkspaceId
    ]
    evaluationFrequency: 'PT1H'
    windowSize: 'PT1H'
    overrideQueryTimeRange: 'P2D'
    skipQueryValidation: true
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: '${hostLogs} | where TimeGenerated > ago(26h) and Message contains "sweep.done"'
          timeAggregation: 'Count'
          operator: 'LessThan'
          threshold: 1
        }
      ]
    }
    actions: {
      actionGroups: [
        actionGroup.id
      ]
    }
  }
}

resource deadLettered 'Microsoft.Insights/metricAlerts@2018-03-01' = [for topicName in eventTopicNames: {
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
        actionGroupId: actionGroup.id
      }
    ]
  }
}]

output actionGroupId string = actionGroup.id
