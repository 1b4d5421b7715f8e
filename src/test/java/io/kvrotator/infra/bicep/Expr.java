package io.kvrotator.infra.bicep;

import java.util.List;
import java.util.Optional;

/** A Bicep expression, as much of the language as our templates use. */
public sealed interface Expr {

    /** A string; {@code parts} holds literal {@link String}s and interpolated {@link Expr}s in order. */
    record Str(List<Object> parts) implements Expr {
        public static Str of(String literal) {
            return new Str(List.of(literal));
        }

        /** The text when the string has no interpolation. */
        public Optional<String> literal() {
            return parts.stream().allMatch(part -> part instanceof String)
                    ? Optional.of(String.join("", parts.stream().map(String.class::cast).toList()))
                    : Optional.empty();
        }
    }

    record Num(long value) implements Expr {
    }

    record Bool(boolean value) implements Expr {
    }

    record Null() implements Expr {
    }

    record Ident(String name) implements Expr {
    }

    record Member(Expr target, String name) implements Expr {
    }

    record Index(Expr target, Expr index) implements Expr {
    }

    record Call(Expr callee, List<Expr> args) implements Expr {
        /** The function's own name: {@code join} for both {@code join(...)} and {@code sys.join(...)}. */
        public String name() {
            if (callee instanceof Ident ident) {
                return ident.name();
            }
            return callee instanceof Member member ? member.name() : "";
        }
    }

    record Obj(List<Property> properties) implements Expr {
        public Optional<Expr> get(String key) {
            return properties.stream().filter(p -> p.key().equals(key)).map(Property::value).findFirst();
        }
    }

    record Property(String key, Expr value) {
    }

    record Arr(List<Expr> items) implements Expr {
    }

    /** {@code [for (item, index) in source: if (condition) body]}. */
    record For(List<String> variables, Expr source, Expr condition, Expr body) implements Expr {
    }

    /** The {@code if (condition) body} of a conditional resource or module. */
    record Conditional(Expr condition, Expr body) implements Expr {
    }

    record Unary(String operator, Expr operand) implements Expr {
    }

    record Binary(String operator, Expr left, Expr right) implements Expr {
    }

    record Ternary(Expr condition, Expr whenTrue, Expr whenFalse) implements Expr {
    }

    /** The object of a resource or module body, whether it is conditional or looped. */
    static Optional<Obj> bodyObject(Expr body) {
        if (body instanceof Obj obj) {
            return Optional.of(obj);
        }
        if (body instanceof Conditional conditional) {
            return bodyObject(conditional.body());
        }
        return body instanceof For loop ? bodyObject(loop.body()) : Optional.empty();
    }

    /** Follows a property path through object literals: {@code path(body, "properties", "enableSoftDelete")}. */
    static Optional<Expr> path(Expr from, String... keys) {
        Optional<Expr> current = Optional.of(from);
        for (String key : keys) {
            current = current.filter(Obj.class::isInstance).map(Obj.class::cast).flatMap(obj -> obj.get(key));
        }
        return current;
    }
}
