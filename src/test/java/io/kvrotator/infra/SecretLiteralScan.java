package io.kvrotator.infra;

import io.kvrotator.infra.bicep.BicepFile;
import io.kvrotator.infra.bicep.Expr;
import io.kvrotator.infra.bicep.Statement;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Finds secret values in the templates and parameters files: credentials written as literals (anywhere, comments
 * included), keys read into the deployment with {@code list*()} functions, secret-named properties given literal
 * values, and defaults or literal values for {@code @secure()} parameters. Messages say what kind of secret was
 * found and where, never the value.
 */
final class SecretLiteralScan {

    private static final Map<String, Pattern> SECRET_VALUES = Map.of(
            "a storage account key in a connection string", Pattern.compile("AccountKey="),
            "a shared access key", Pattern.compile("SharedAccessKey="),
            "a SAS signature", Pattern.compile("SharedAccessSignature=|[?&]sig="),
            "a password in a connection string", Pattern.compile("(?i)(password|pwd)="),
            "a PEM private key or certificate", Pattern.compile("-----BEGIN"),
            "a JSON Web Token", Pattern.compile("eyJ[A-Za-z0-9_-]{10,}\\.eyJ"),
            "a long base64 value such as an account key", Pattern.compile("[A-Za-z0-9+/]{80,}={0,2}"),
            "a Microsoft Entra client secret", Pattern.compile("[A-Za-z0-9_.-]{3}\\dQ~[A-Za-z0-9_~.-]{30,}"));

    /** Property names whose literal value would be a credential. */
    private static final Pattern SECRET_PROPERTY =
            Pattern.compile("(?i).*(password|secret|accountkey|accesskey|sharedaccesskey|connectionstring|apikey|token)");

    private static final String KEY_VAULT_REFERENCE = "@Microsoft.KeyVault(";

    private SecretLiteralScan() {
    }

    static void scan(InfraSources sources, Templates templates, List<Violation> violations) {
        sources.files().forEach((path, text) -> scanText(path, text, violations));
        BicepFile main = templates.file(Templates.MAIN);
        templates.files().forEach(file -> scanFile(file, violations));
        for (BicepFile parameters : templates.parameterFiles()) {
            for (Statement.ParamValue value : parameters.all(Statement.ParamValue.class)) {
                boolean secure = main.param(value.name()).flatMap(p -> p.decorator("secure")).isPresent();
                if (secure && value.value() instanceof Expr.Str) {
                    violations.add(new Violation(parameters.path() + ":" + value.line(), "the @secure() parameter "
                            + value.name() + " has a literal value; read it with getSecret() or from the environment"));
                }
            }
        }
    }

    private static void scanText(String path, String text, List<Violation> violations) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            for (Map.Entry<String, Pattern> secret : SECRET_VALUES.entrySet()) {
                if (secret.getValue().matcher(lines[i]).find()) {
                    violations.add(new Violation(path + ":" + (i + 1), "contains what looks like " + secret.getKey()));
                }
            }
        }
    }

    private static void scanFile(BicepFile file, List<Violation> violations) {
        for (Statement statement : file.statements()) {
            String where = file.path() + ":" + statement.line();
            if (statement instanceof Statement.Param param && param.decorator("secure").isPresent()
                    && param.defaultValue().isPresent()) {
                violations.add(new Violation(where, "the @secure() parameter " + param.name() + " has a default value"));
            }
            expressionsOf(statement).forEach(expr -> walk(expr, node -> check(node, where, violations)));
        }
    }

    private static void check(Expr node, String where, List<Violation> violations) {
        if (node instanceof Expr.Call call && call.name().startsWith("list")) {
            violations.add(new Violation(where, "reads credentials into the deployment with " + call.name()
                    + "(); use a managed identity or a Key Vault reference"));
        }
        if (node instanceof Expr.Obj obj) {
            for (Expr.Property property : obj.properties()) {
                if (SECRET_PROPERTY.matcher(property.key()).matches() && property.value() instanceof Expr.Str str
                        && str.literal().filter(v -> !v.isEmpty() && !v.startsWith(KEY_VAULT_REFERENCE)).isPresent()) {
                    violations.add(new Violation(where, "the secret property " + property.key()
                            + " has a literal value; use a Key Vault reference"));
                }
            }
        }
    }

    private static List<Expr> expressionsOf(Statement statement) {
        if (statement instanceof Statement.Param param) {
            return param.defaultValue().map(List::of).orElse(List.of());
        }
        if (statement instanceof Statement.ParamValue value) {
            return List.of(value.value());
        }
        if (statement instanceof Statement.Var variable) {
            return List.of(variable.value());
        }
        if (statement instanceof Statement.Resource resource) {
            return List.of(resource.body());
        }
        if (statement instanceof Statement.Module module) {
            return List.of(module.body());
        }
        if (statement instanceof Statement.Output output) {
            return List.of(output.value());
        }
        return List.of();
    }

    /** Visits {@code expr} and everything inside it. */
    static void walk(Expr expr, Consumer<Expr> visitor) {
        if (expr == null) {
            return;
        }
        visitor.accept(expr);
        if (expr instanceof Expr.Str str) {
            str.parts().stream().filter(Expr.class::isInstance).forEach(part -> walk((Expr) part, visitor));
        } else if (expr instanceof Expr.Member member) {
            walk(member.target(), visitor);
        } else if (expr instanceof Expr.Index index) {
            walk(index.target(), visitor);
            walk(index.index(), visitor);
        } else if (expr instanceof Expr.Call call) {
            walk(call.callee(), visitor);
            call.args().forEach(arg -> walk(arg, visitor));
        } else if (expr instanceof Expr.Obj obj) {
            obj.properties().forEach(property -> walk(property.value(), visitor));
        } else if (expr instanceof Expr.Arr array) {
            array.items().forEach(item -> walk(item, visitor));
        } else if (expr instanceof Expr.For loop) {
            walk(loop.source(), visitor);
            walk(loop.condition(), visitor);
            walk(loop.body(), visitor);
        } else if (expr instanceof Expr.Conditional conditional) {
            walk(conditional.condition(), visitor);
            walk(conditional.body(), visitor);
        } else if (expr instanceof Expr.Unary unary) {
            walk(unary.operand(), visitor);
        } else if (expr instanceof Expr.Binary binary) {
            walk(binary.left(), visitor);
            walk(binary.right(), visitor);
        } else if (expr instanceof Expr.Ternary ternary) {
            walk(ternary.condition(), visitor);
            walk(ternary.whenTrue(), visitor);
            walk(ternary.whenFalse(), visitor);
        }
    }
}
