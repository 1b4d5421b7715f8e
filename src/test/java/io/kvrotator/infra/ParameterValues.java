package io.kvrotator.infra;

import io.kvrotator.infra.Templates.Context;
import io.kvrotator.infra.Templates.Located;
import io.kvrotator.infra.bicep.BicepFile;
import io.kvrotator.infra.bicep.Expr;
import io.kvrotator.infra.bicep.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an expression evaluates to when one parameters file is deployed: literals, main parameters (the file's
 * literal value, else the default), interpolations of those, {@code ?:} and {@code !}. Anything else (a function
 * call, an environment variable, a resource property) is unknown, and empty.
 */
final class ParameterValues {

    private final Templates templates;
    private final BicepFile parameters;
    private final Map<String, Object> overrides;

    /** {@code overrides} replaces the file's value of a parameter: what if Teams were off? */
    ParameterValues(Templates templates, BicepFile parameters, Map<String, Object> overrides) {
        this.templates = templates;
        this.parameters = parameters;
        this.overrides = Map.copyOf(overrides);
    }

    /** {@code dev} for {@code parameters/dev.bicepparam}. */
    String environment() {
        return parameters.path().replaceAll(".*/", "").replace(".bicepparam", "");
    }

    BicepFile file() {
        return parameters;
    }

    Optional<Object> evaluate(Located located) {
        Located resolved = templates.resolve(located);
        Expr expr = resolved.expr();
        if (expr instanceof Expr.Ident ident && resolved.context().call() == null) {
            return parameter(ident.name(), resolved.context());
        }
        if (expr instanceof Expr.Ternary ternary) {
            return evaluate(new Located(ternary.condition(), resolved.context())).filter(Boolean.class::isInstance)
                    .flatMap(c -> evaluate(new Located((Boolean) c ? ternary.whenTrue() : ternary.whenFalse(),
                            resolved.context())));
        }
        if (expr instanceof Expr.Unary unary && unary.operator().equals("!")) {
            return evaluate(new Located(unary.operand(), resolved.context())).filter(Boolean.class::isInstance)
                    .map(b -> !(Boolean) b);
        }
        if (expr instanceof Expr.Str str) {
            StringBuilder text = new StringBuilder();
            for (Object part : str.parts()) {
                Optional<Object> value = part instanceof Expr e ? evaluate(new Located(e, resolved.context()))
                        : Optional.of(part);
                if (value.isEmpty()) {
                    return Optional.empty();
                }
                text.append(value.get());
            }
            return Optional.of(text.toString());
        }
        return literal(expr);
    }

    private Optional<Object> parameter(String name, Context main) {
        if (overrides.containsKey(name)) {
            return Optional.of(overrides.get(name));
        }
        Optional<Statement.ParamValue> value = parameters.paramValue(name);
        if (value.isPresent()) {
            return literal(value.get().value());
        }
        return main.file().param(name).flatMap(Statement.Param::defaultValue)
                .flatMap(defaultValue -> evaluate(new Located(defaultValue, main)));
    }

    private static Optional<Object> literal(Expr expr) {
        if (expr instanceof Expr.Str str) {
            return str.literal().map(Object.class::cast);
        }
        if (expr instanceof Expr.Bool bool) {
            return Optional.of(bool.value());
        }
        if (expr instanceof Expr.Num number) {
            return Optional.of(number.value());
        }
        if (expr instanceof Expr.Arr array) {
            List<Object> items = new ArrayList<>();
            for (Expr item : array.items()) {
                Optional<Object> value = literal(item);
                if (value.isEmpty()) {
                    return Optional.empty();
                }
                items.add(value.get());
            }
            return Optional.of(List.copyOf(items));
        }
        return Optional.empty();
    }
}
