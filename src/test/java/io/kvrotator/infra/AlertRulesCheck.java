package io.kvrotator.infra;

import io.kvrotator.infra.Templates.Context;
import io.kvrotator.infra.Templates.Located;
import io.kvrotator.infra.bicep.Expr;
import io.kvrotator.infra.bicep.Statement;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The alerts that tell the platform team kv-rotator itself is failing: an action group with at least one receiver
 * that cannot be empty, and four enabled rules wired to it: failed function invocations, dead-lettered expiry events
 * (on every system topic), undelivered notices and a sweep that has not completed for 26 hours. A Teams receiver's
 * URL must come from a {@code @secure()} parameter.
 */
final class AlertRulesCheck {

    /** What the Functions host logs for a failed invocation: {@code Executed 'Functions.X' (Failed, Id=...)}. */
    static final String FAILED_INVOCATION = "(Failed";
    /** The app's log events the alerts watch; {@code OperationsInfraTest} checks the code logs them. */
    static final String UNDELIVERED_NOTICE_EVENT = "notice.undelivered";
    static final String SWEEP_DONE_EVENT = "sweep.done";
    static final Duration SWEEP_OVERDUE_AFTER = Duration.ofHours(26);
    static final String DEAD_LETTER_METRIC = "DeadLetteredCount";

    private final Templates templates;
    private final TemplateValues values;
    private final List<Violation> violations;

    AlertRulesCheck(Templates templates, List<Violation> violations) {
        this.templates = templates;
        this.values = new TemplateValues(templates);
        this.violations = violations;
    }

    void check() {
        List<TemplateValues.Declared> groups = values.resources(InfraTypes.ACTION_GROUP);
        if (groups.isEmpty()) {
            fail(templates.root(), "no action group (Microsoft.Insights/actionGroups): alerts would reach nobody");
        }
        groups.forEach(this::actionGroup);
        List<TemplateValues.Declared> logRules = values.resources(InfraTypes.LOG_ALERT);
        logRule(logRules, "failed function invocations", FAILED_INVOCATION, false);
        logRule(logRules, "undelivered notices", UNDELIVERED_NOTICE_EVENT, false);
        logRule(logRules, "a sweep that has not completed for 26 hours", SWEEP_DONE_EVENT, true);
        deadLetters();
    }

    private void actionGroup(TemplateValues.Declared group) {
        String name = "action group " + group.resource().symbol();
        if (!values.isTrue(group.get("properties", "enabled"), group.context())) {
            fail(group.context(), name + " is not enabled");
        }
        boolean neverEmpty = group.get("properties", "emailReceivers")
                .map(r -> atLeastOne(group.located(r instanceof Expr.For loop ? loop.source() : r))).orElse(false);
        if (!neverEmpty) {
            fail(group.context(), name + " may have no receiver: its email receivers must come from a non-empty list "
                    + "(a parameter with @minLength(1))");
        }
        group.get("properties", "webhookReceivers").ifPresent(receivers -> TemplateValues.all(receivers).stream()
                .filter(Expr.Obj.class::isInstance).map(Expr.Obj.class::cast)
                .flatMap(receiver -> receiver.get("serviceUri").stream())
                .forEach(uri -> secureUri(group, group.located(uri))));
    }

    /** A list that cannot be empty: a literal with items, or a parameter (at any hop) with @minLength of 1 or more. */
    private boolean atLeastOne(Located list) {
        for (Located hop : templates.chain(list)) {
            if (hop.expr() instanceof Expr.Arr array) {
                return !array.items().isEmpty();
            }
            Optional<Long> minimum = hop.expr() instanceof Expr.Ident ident
                    ? hop.context().file().param(ident.name()).flatMap(p -> p.decorator("minLength"))
                    .flatMap(d -> values.number(Optional.of(d.args().get(0)), hop.context()))
                    : Optional.empty();
            if (minimum.filter(m -> m >= 1).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private void secureUri(TemplateValues.Declared group, Located uri) {
        Optional<Statement.Param> param = templates.mainParam(uri);
        if (param.isEmpty() || param.get().decorator("secure").isEmpty()) {
            fail(group.context(), "a webhook receiver of action group " + group.resource().symbol() + " takes its URL from "
                    + param.map(p -> "parameter " + p.name() + ", which is not @secure()").orElse("a value in the templates")
                    + ": a Teams webhook URL is a secret");
        }
    }

    private void logRule(List<TemplateValues.Declared> rules, String what, String watched, boolean absence) {
        List<TemplateValues.Declared> matching = rules.stream()
                .filter(rule -> criteria(rule).stream().anyMatch(c -> query(rule, c).contains(watched))).toList();
        if (matching.isEmpty()) {
            fail(templates.root(), "no log alert rule watches for " + what + " (a query for '" + watched + "')");
        }
        for (TemplateValues.Declared rule : matching) {
            String name = "alert rule " + rule.resource().symbol() + " (" + what + ")";
            enabledAndWired(rule, name);
            for (Expr criterion : criteria(rule)) {
                if (query(rule, criterion).contains(watched)) {
                    // An absence fires on no matching line (Count LessThan 1), an event on any (Count GreaterThan 0).
                    condition(rule, name, criterion, "Count", absence ? "LessThan" : "GreaterThan", absence ? 1 : 0);
                    if (absence) {
                        lookBack(rule, name, query(rule, criterion));
                    }
                }
            }
        }
    }

    /** The sweep rule must look back exactly 26 hours: the query's ago() and a query time range that covers it. */
    private void lookBack(TemplateValues.Declared rule, String name, String query) {
        String hours = SWEEP_OVERDUE_AFTER.toHours() + "h";
        if (!query.contains("ago(" + hours + ")")) {
            fail(rule.context(), name + " does not look back " + hours + " (ago(" + hours + ") in its query)");
        }
        Optional<String> range = values.literal(rule.get("properties", "overrideQueryTimeRange"), rule.context())
                .or(() -> values.literal(rule.get("properties", "windowSize"), rule.context()));
        if (range.map(AlertRulesCheck::duration).filter(d -> d.compareTo(SWEEP_OVERDUE_AFTER) >= 0).isEmpty()) {
            fail(rule.context(), name + " queries only " + range.orElse("an unknown time range") + " of logs, less than "
                    + hours + " (set overrideQueryTimeRange)");
        }
    }

    private void deadLetters() {
        List<TemplateValues.Declared> rules = values.resources(InfraTypes.METRIC_ALERT).stream()
                .filter(rule -> criteria(rule).stream().anyMatch(c -> DEAD_LETTER_METRIC.equals(
                        values.literal(Expr.path(c, "metricName"), rule.context()).orElse(null)))).toList();
        if (rules.isEmpty()) {
            fail(templates.root(), "no metric alert rule watches dead-lettered expiry events (" + DEAD_LETTER_METRIC + ")");
        }
        Set<String> covered = new TreeSet<>();
        for (TemplateValues.Declared rule : rules) {
            String name = "alert rule " + rule.resource().symbol() + " (dead-lettered events)";
            enabledAndWired(rule, name);
            criteria(rule).stream().filter(c -> DEAD_LETTER_METRIC.equals(values.literal(Expr.path(c, "metricName"),
                    rule.context()).orElse(null))).forEach(c -> condition(rule, name, c, "Total", "GreaterThan", 0));
            covered.addAll(new TopicNames(templates).coveredBy(rule));
        }
        Set<String> topics = new TreeSet<>();
        values.resources(InfraTypes.SYSTEM_TOPIC).forEach(t -> topics.add(templates.nameTemplate(t.located(t.get("name")
                .orElseThrow()))));
        topics.stream().filter(topic -> !covered.contains(topic)).forEach(topic -> fail(templates.root(),
                "system topic " + topic + " has no alert on dead-lettered events (alerts cover " + covered + ")"));
    }

    private void enabledAndWired(TemplateValues.Declared rule, String name) {
        if (!values.isTrue(rule.get("properties", "enabled"), rule.context())) {
            fail(rule.context(), name + " is not enabled");
        }
        boolean wired = rule.get("properties", "actions").map(TemplateValues::all).orElse(List.of()).stream()
                .anyMatch(e -> values.isIdOf(e, InfraTypes.ACTION_GROUP, rule.context()));
        if (!wired) {
            fail(rule.context(), name + " does not notify the action group (actions name no action group's id)");
        }
    }

    private void condition(TemplateValues.Declared rule, String name, Expr criterion, String aggregation,
            String operator, long threshold) {
        Context context = rule.context();
        String actual = values.literal(Expr.path(criterion, "timeAggregation"), context).orElse("?") + " "
                + values.literal(Expr.path(criterion, "operator"), context).orElse("?") + " "
                + values.number(Expr.path(criterion, "threshold"), context).map(String::valueOf).orElse("?");
        String expected = aggregation + " " + operator + " " + threshold;
        if (!actual.equals(expected)) {
            fail(context, name + " fires on " + actual + "; it must fire on " + expected);
        }
    }

    private List<Expr> criteria(TemplateValues.Declared rule) {
        return rule.get("properties", "criteria", "allOf").map(a -> templates.resolve(rule.located(a)).expr())
                .filter(Expr.Arr.class::isInstance).map(a -> ((Expr.Arr) a).items()).orElse(List.of());
    }

    private String query(TemplateValues.Declared rule, Expr criterion) {
        return Expr.path(criterion, "query").map(q -> values.text(rule.located(q))).orElse("");
    }

    private static Duration duration(String iso) {
        try {
            return Duration.parse(iso);
        } catch (DateTimeParseException e) {
            return Duration.ZERO;
        }
    }

    private void fail(Context context, String message) {
        violations.add(new Violation(context.describe(), message));
    }
}
