package io.kvrotator.infra;

import io.kvrotator.infra.Templates.Context;
import io.kvrotator.infra.Templates.Located;
import io.kvrotator.infra.bicep.Expr;
import io.kvrotator.infra.bicep.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the operations checks read out of the templates: declared resources, literals, numbers and query text. */
final class TemplateValues {

    /** A resource the templates create (not an {@code existing} reference), with the instance declaring it. */
    record Declared(Statement.Resource resource, Context context) {
        Optional<Expr> get(String... path) {
            return resource.get(path);
        }

        Located located(Expr expr) {
            return new Located(expr, context);
        }
    }

    private final Templates templates;

    TemplateValues(Templates templates) {
        this.templates = templates;
    }

    List<Declared> resources(String type) {
        List<Declared> found = new ArrayList<>();
        for (Context context : templates.contexts()) {
            context.file().all(Statement.Resource.class).stream()
                    .filter(r -> r.type().equals(type) && !r.existing())
                    .forEach(r -> found.add(new Declared(r, context)));
        }
        return found;
    }

    /** The text a value resolves to when it has no interpolation; empty otherwise. */
    Optional<String> literal(Optional<Expr> value, Context context) {
        return value.map(v -> templates.resolve(new Located(v, context)).expr())
                .filter(Expr.Str.class::isInstance).map(Expr.Str.class::cast).flatMap(Expr.Str::literal);
    }

    /** Whether the value is fixed to {@code true} (a main parameter, which an environment could switch, is not). */
    boolean isTrue(Optional<Expr> value, Context context) {
        return value.map(v -> templates.resolve(new Located(v, context)).expr())
                .map(v -> v instanceof Expr.Bool bool && bool.value()).orElse(false);
    }

    Optional<Long> number(Optional<Expr> value, Context context) {
        return value.map(v -> templates.resolve(new Located(v, context)).expr()).flatMap(v -> {
            if (v instanceof Expr.Num number) {
                return Optional.of(number.value());
            }
            return v instanceof Expr.Unary unary && unary.operator().equals("-") && unary.operand() instanceof Expr.Num n
                    ? Optional.of(-n.value()) : Optional.empty();
        });
    }

    /** A string with its interpolated variables written out; what cannot be written out becomes {@code {?}}. */
    String text(Located located) {
        Located resolved = templates.resolve(located);
        if (!(resolved.expr() instanceof Expr.Str str)) {
            return "{?}";
        }
        StringBuilder text = new StringBuilder();
        for (Object part : str.parts()) {
            text.append(part instanceof Expr expr ? text(new Located(expr, resolved.context())) : part);
        }
        return text.toString();
    }

    /** Whether {@code expr} is {@code symbol.id} for a resource of {@code type} declared in the same file. */
    /** Whether {@code expr} is, directly or through module parameters and outputs, the id of a resource of the type. */
    boolean isIdOf(Expr expr, String type, Context context) {
        return templates.chain(new Templates.Located(expr, context)).stream().anyMatch(step ->
                step.expr() instanceof Expr.Member member && member.name().equals("id")
                        && member.target() instanceof Expr.Ident symbol && step.context().file().resource(symbol.name())
                        .filter(r -> r.type().equals(type) && !r.existing()).isPresent());
    }

    /** Every expression inside {@code expr}, itself included. */
    static List<Expr> all(Expr expr) {
        List<Expr> found = new ArrayList<>();
        SecretLiteralScan.walk(expr, found::add);
        return found;
    }
}
