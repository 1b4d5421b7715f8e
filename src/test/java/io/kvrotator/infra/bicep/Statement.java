package io.kvrotator.infra.bicep;

import java.util.List;
import java.util.Optional;

/** A top-level Bicep or Bicep-parameters statement. {@code line} is 1-based, for messages. */
public sealed interface Statement {

    int line();

    /** {@code param name type = default}; decorators are the calls after {@code @}. */
    record Param(String name, String type, Optional<Expr> defaultValue, List<Expr.Call> decorators, int line)
            implements Statement {

        public Optional<Expr.Call> decorator(String name) {
            return decorators.stream().filter(d -> d.name().equals(name)).findFirst();
        }
    }

    /** {@code param name = value} in a {@code .bicepparam} file. */
    record ParamValue(String name, Expr value, int line) implements Statement {
    }

    record Var(String name, Expr value, int line) implements Statement {
    }

    /** {@code resource symbol 'type@apiVersion' [existing] = body}. */
    record Resource(String symbol, String type, String apiVersion, boolean existing, Expr body, int line)
            implements Statement {

        public Optional<Expr.Obj> object() {
            return Expr.bodyObject(body);
        }

        public Optional<Expr> get(String... path) {
            return object().flatMap(obj -> Expr.path(obj, path));
        }
    }

    /** {@code module symbol 'path' = body}. */
    record Module(String symbol, String path, Expr body, int line) implements Statement {

        public Optional<Expr.Obj> object() {
            return Expr.bodyObject(body);
        }

        public Optional<Expr> param(String name) {
            return object().flatMap(obj -> Expr.path(obj, "params", name));
        }
    }

    record Output(String name, String type, Expr value, int line) implements Statement {
    }

    /** {@code targetScope}, {@code metadata} and {@code using}: kept so that nothing is silently skipped. */
    record Other(String keyword, Expr value, int line) implements Statement {
    }
}
