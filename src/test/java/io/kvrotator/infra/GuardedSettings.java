package io.kvrotator.infra;

import io.kvrotator.infra.Templates.Located;
import io.kvrotator.infra.bicep.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The Function App's app settings ({@code Microsoft.Web/sites/config 'appsettings'}), each with the conditions under
 * which the template sets it: {@code union({...}, teamsNotifications ? {...} : {})} sets the second object's
 * settings only when {@code teamsNotifications} is true.
 */
final class GuardedSettings {

    /** The setting is set only when {@code condition} evaluates to {@code when}. */
    record Guard(Located condition, boolean when) {
    }

    record Setting(String key, Located value, List<Guard> guards) {
    }

    private GuardedSettings() {
    }

    static List<Setting> of(Templates templates) {
        TemplateValues values = new TemplateValues(templates);
        List<Setting> settings = new ArrayList<>();
        for (TemplateValues.Declared config : values.resources(InfraTypes.SITE_CONFIG)) {
            if (values.literal(config.get("name"), config.context()).filter("appsettings"::equals).isPresent()) {
                config.get("properties").ifPresent(p -> collect(templates, config.located(p), List.of(), settings));
            }
        }
        return settings;
    }

    /** The settings present for one parameters file, with their values where the file determines them. */
    static Map<String, Optional<Object>> present(List<Setting> settings, ParameterValues values) {
        return settings.stream().filter(s -> holds(s, values))
                .collect(Collectors.toMap(Setting::key, s -> values.evaluate(s.value()), (a, b) -> a));
    }

    /** Whether every guard of the setting holds, or cannot be told from the parameters file. */
    static boolean holds(Setting setting, ParameterValues values) {
        return setting.guards().stream().allMatch(g -> values.evaluate(g.condition())
                .map(value -> !(value instanceof Boolean bool) || bool == g.when()).orElse(true));
    }

    private static void collect(Templates templates, Located located, List<Guard> guards, List<Setting> settings) {
        Located resolved = templates.resolve(located);
        if (resolved.expr() instanceof Expr.Obj obj) {
            obj.properties().forEach(p -> settings.add(
                    new Setting(p.key(), new Located(p.value(), resolved.context()), guards)));
        } else if (resolved.expr() instanceof Expr.Call call && call.name().equals("union")) {
            call.args().forEach(arg -> collect(templates, new Located(arg, resolved.context()), guards, settings));
        } else if (resolved.expr() instanceof Expr.Ternary ternary) {
            Located condition = new Located(ternary.condition(), resolved.context());
            collect(templates, new Located(ternary.whenTrue(), resolved.context()), with(guards, condition, true), settings);
            collect(templates, new Located(ternary.whenFalse(), resolved.context()), with(guards, condition, false),
                    settings);
        } else {
            throw new Templates.Unresolved("cannot list the app settings in " + resolved.context().describe());
        }
    }

    private static List<Guard> with(List<Guard> guards, Located condition, boolean when) {
        List<Guard> more = new ArrayList<>(guards);
        more.add(new Guard(condition, when));
        return List.copyOf(more);
    }
}
