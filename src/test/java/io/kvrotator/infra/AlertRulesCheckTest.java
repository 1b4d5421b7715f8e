package io.kvrotator.infra;

import static io.kvrotator.infra.PolicyFlips.ALERTS;
import static io.kvrotator.infra.PolicyFlips.MAIN;
import static io.kvrotator.infra.PolicyFlips.TEMPLATES;
import static io.kvrotator.infra.PolicyFlips.replaceAfter;
import static io.kvrotator.infra.PolicyFlips.violations;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The alerts part of the policy check, on altered copies of the templates: each alteration must be caught. */
class AlertRulesCheckTest {

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "contains \"(Failed,\"           | failed function invocations",
            "contains \"notice.undelivered\" | undelivered notices",
            "contains \"sweep.done\"         | a sweep that has not completed for 26 hours"})
    @DisplayName("fail when a log alert rule is missing")
    void logRuleMissing(String watched, String what) {
        assertThat(violations(TEMPLATES.replaceFirst(ALERTS, watched, "contains \"something else\"")))
                .anySatisfy(v -> assertThat(v).contains("no log alert rule watches for " + what));
    }

    @Test
    @DisplayName("fail when no rule watches dead-lettered events")
    void deadLetterRuleMissing() {
        assertThat(violations(TEMPLATES.replaceFirst(ALERTS, "metricName: 'DeadLetteredCount'",
                "metricName: 'DeliverySuccessCount'")))
                .anySatisfy(v -> assertThat(v).contains("system topic evgt-kv-{env}-{product} has no alert on"
                        + " dead-lettered events"));
        assertThat(violations(TEMPLATES.replaceFirst(ALERTS, "metricName: 'DeadLetteredCount'",
                "metricName: 'DeliverySuccessCount'").replaceFirst("modules/deadLetterAlert.bicep",
                "metricName: 'DeadLetteredCount'", "metricName: 'DeliverySuccessCount'")))
                .anySatisfy(v -> assertThat(v).contains("no metric alert rule watches dead-lettered expiry events"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"functionFailures", "undeliveredNotices", "sweepOverdue", "deadLettered"})
    @DisplayName("fail when a rule is disabled")
    void ruleDisabled(String rule) {
        assertThat(violations(replaceAfter(ALERTS, "resource " + rule + " ", "enabled: true", "enabled: false")))
                .anySatisfy(v -> assertThat(v).contains("alert rule " + rule + " (").contains("is not enabled"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "functionFailures   | actionGroup.id                | resourceId('Microsoft.Insights/actionGroups', 'ag-other')",
            "undeliveredNotices | actionGroup.id                | resourceId('Microsoft.Insights/actionGroups', 'ag-other')",
            "sweepOverdue       | actionGroup.id                | resourceId('Microsoft.Insights/actionGroups', 'ag-other')",
            "deadLettered       | actionGroupId: actionGroup.id | webHookProperties: {}"})
    @DisplayName("fail when a rule does not notify the action group")
    void ruleNotWired(String rule, String target, String replacement) {
        assertThat(violations(replaceAfter(ALERTS, "resource " + rule + " ", target, replacement)))
                .anySatisfy(v -> assertThat(v).contains("alert rule " + rule + " (")
                        .contains("does not notify the action group"));
    }

    @Test
    @DisplayName("fail when failures must pile up before the alert fires")
    void failureThreshold() {
        assertThat(violations(replaceAfter(ALERTS, "resource functionFailures ", "threshold: 0", "threshold: 10")))
                .anySatisfy(v -> assertThat(v).contains("fires on Count GreaterThan 10; it must fire on Count GreaterThan 0"));
    }

    @Test
    @DisplayName("fail when the sweep alert fires on completed sweeps instead of their absence")
    void sweepConditionInverted() {
        assertThat(violations(TEMPLATES.replaceFirst(ALERTS, "operator: 'LessThan'", "operator: 'GreaterThan'")))
                .anySatisfy(v -> assertThat(v).contains("alert rule sweepOverdue")
                        .contains("it must fire on Count LessThan 1"));
    }

    @Test
    @DisplayName("fail when the sweep alert waits 48 hours instead of 26")
    void sweepTooLate() {
        assertThat(violations(TEMPLATES.replaceFirst(ALERTS, "ago(26h)", "ago(48h)")))
                .anySatisfy(v -> assertThat(v).contains("does not look back 26h"));
    }

    @Test
    @DisplayName("fail when the sweep alert queries less than 26 hours of logs")
    void sweepQueryTooShort() {
        assertThat(violations(TEMPLATES.replaceFirst(ALERTS, "    overrideQueryTimeRange: 'P2D'\n", "")))
                .anySatisfy(v -> assertThat(v).contains("queries only PT1H of logs, less than 26h"));
    }

    @Test
    @DisplayName("fail when an onboarded vault's topic has no dead-letter alert")
    void onboardedTopicUncovered() {
        assertThat(violations(TEMPLATES.replaceFirst("modules/managedVault.bicep",
                "module deadLetterAlert 'deadLetterAlert.bicep'", "module deadLetterAlert 'storageKeyOperator.bicep'")))
                .anySatisfy(v -> assertThat(v).contains("system topic {externalVaults[].systemTopicName} has no alert"
                        + " on dead-lettered events"));
    }

    @Test
    @DisplayName("fail when there is no action group")
    void noActionGroup() {
        assertThat(violations(TEMPLATES.replaceFirst(ALERTS, "'Microsoft.Insights/actionGroups@2023-01-01'",
                "'Microsoft.Insights/activityLogAlerts@2020-10-01'")))
                .anySatisfy(v -> assertThat(v).contains("no action group"));
    }

    @Test
    @DisplayName("fail when the action group is disabled")
    void actionGroupDisabled() {
        assertThat(violations(replaceAfter(ALERTS, "resource actionGroup ", "enabled: true", "enabled: false")))
                .anySatisfy(v -> assertThat(v).contains("action group actionGroup is not enabled"));
    }

    @Test
    @DisplayName("fail when the action group's email list may be empty")
    void receiversMayBeEmpty() {
        InfraSources altered = TEMPLATES.replaceFirst(MAIN, "@minLength(1)\nparam alertEmailAddresses",
                "param alertEmailAddresses").replaceFirst(ALERTS, "@minLength(1)\nparam emailAddresses",
                "param emailAddresses");
        assertThat(violations(altered)).anySatisfy(v -> assertThat(v).contains("may have no receiver"));
    }

    @Test
    @DisplayName("fail when the Teams webhook URL is not a @secure() parameter")
    void teamsUrlNotSecure() {
        assertThat(violations(TEMPLATES.replaceFirst(MAIN, "@secure()\n@description('Teams Workflows webhook URL for alerts",
                "@description('Teams Workflows webhook URL for alerts")))
                .anySatisfy(v -> assertThat(v).contains("takes its URL from parameter alertTeamsWebhookUrl, which is "
                        + "not @secure()"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {AlertRulesCheck.UNDELIVERED_NOTICE_EVENT, AlertRulesCheck.SWEEP_DONE_EVENT})
    @DisplayName("watch log events the code logs")
    void logEventsAreLogged(String event) throws IOException {
        try (Stream<Path> sources = Files.walk(ProjectPaths.projectDir().resolve("src/main/java"))) {
            assertThat(sources.filter(p -> p.toString().endsWith(".java")).map(AlertRulesCheckTest::read))
                    .anySatisfy(source -> assertThat(source).contains("\"" + event + " "));
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
