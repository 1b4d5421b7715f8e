package io.kvrotator.infra;

import io.kvrotator.infra.bicep.BicepFile;
import io.kvrotator.infra.bicep.Expr;
import io.kvrotator.infra.bicep.Statement;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The parsed templates, with every module call expanded into a {@link Context}, and the resolution of an
 * expression through variables, module parameters, module outputs and resource names, as ARM would evaluate it.
 * A parameter of {@code main.bicep} is where resolution stops: its value comes from a parameters file.
 */
final class Templates {

    static final String MAIN = "main.bicep";

    /** One instance of a file: main, or a module as called by one module statement of its parent. */
    record Context(BicepFile file, Context parent, Statement.Module call) {
        String describe() {
            return call == null ? file.path() : file.path() + " (module " + call.symbol() + " of " + parent.describe() + ")";
        }
    }

    /** An expression together with the instance it is evaluated in. */
    record Located(Expr expr, Context context) {
    }

    /** An expression this reader cannot reduce to parameters and literals. */
    static final class Unresolved extends RuntimeException {
        Unresolved(String message) {
            super(message);
        }
    }

    private final Map<String, BicepFile> files = new TreeMap<>();
    private final List<Context> contexts = new ArrayList<>();

    Templates(InfraSources sources) {
        sources.files().forEach((path, text) -> files.put(path, BicepFile.parse(path, text)));
        expand(new Context(file(MAIN), null, null));
    }

    private void expand(Context context) {
        if (depth(context) > 10) {
            throw new IllegalStateException("modules nest too deeply at " + context.describe());
        }
        contexts.add(context);
        for (Statement.Module module : context.file().all(Statement.Module.class)) {
            expand(new Context(file(modulePath(context.file(), module)), context, module));
        }
    }

    private static int depth(Context context) {
        return context.parent() == null ? 0 : 1 + depth(context.parent());
    }

    BicepFile file(String path) {
        BicepFile file = files.get(path);
        if (file == null) {
            throw new IllegalArgumentException("no template " + path);
        }
        return file;
    }

    static String modulePath(BicepFile caller, Statement.Module module) {
        Path dir = Path.of(caller.path()).getParent();
        Path target = dir == null ? Path.of(module.path()) : dir.resolve(module.path());
        return target.normalize().toString().replace('\\', '/');
    }

    /** Every instance of every template, main first. */
    List<Context> contexts() {
        return List.copyOf(contexts);
    }

    /** Every file once, templates and parameters files alike. */
    List<BicepFile> files() {
        return List.copyOf(files.values());
    }

    List<BicepFile> parameterFiles() {
        return files.values().stream().filter(f -> f.path().endsWith(".bicepparam")).toList();
    }

    Context root() {
        return contexts.get(0);
    }

    /** The context a module statement of {@code parent} instantiates. */
    Context child(Context parent, String moduleSymbol) {
        return contexts.stream()
                .filter(c -> c.parent() == parent && c.call().symbol().equals(moduleSymbol))
                .findFirst().orElseThrow(() -> new Unresolved("no module " + moduleSymbol + " in " + parent.describe()));
    }

    // ---- resolution

    /** Follows the expression until it is no longer a reference; a main parameter is left as it is. */
    Located resolve(Located located) {
        Located current = located;
        for (int hops = 0; hops < 50; hops++) {
            Optional<Located> next = step(current);
            if (next.isEmpty()) {
                return current;
            }
            current = next.get();
        }
        throw new Unresolved("reference cycle at " + located.context().describe());
    }

    /** Each reference the expression passes through, itself first, the resolved value last. */
    List<Located> chain(Located located) {
        List<Located> chain = new ArrayList<>(List.of(located));
        for (Optional<Located> next = step(located); next.isPresent(); next = step(next.get())) {
            chain.add(next.get());
            if (chain.size() > 50) {
                throw new Unresolved("reference cycle at " + located.context().describe());
            }
        }
        return chain;
    }

    /** One dereference: a variable, a module parameter (its argument or default), a module output, a resource name. */
    Optional<Located> step(Located located) {
        Context context = located.context();
        BicepFile file = context.file();
        if (located.expr() instanceof Expr.Ident ident) {
            Optional<Statement.Var> variable = file.variable(ident.name());
            if (variable.isPresent()) {
                return Optional.of(new Located(variable.get().value(), context));
            }
            Optional<Statement.Param> param = file.param(ident.name());
            if (param.isPresent() && context.call() != null) {
                Optional<Expr> argument = context.call().param(ident.name());
                if (argument.isPresent()) {
                    return Optional.of(new Located(argument.get(), context.parent()));
                }
                return param.get().defaultValue().map(value -> new Located(value, context));
            }
            return Optional.empty();
        }
        if (located.expr() instanceof Expr.Member member && member.target() instanceof Expr.Member outputs
                && outputs.name().equals("outputs") && outputs.target() instanceof Expr.Ident module
                && file.module(module.name()).isPresent()) {
            Context child = child(context, module.name());
            Statement.Output output = child.file().output(member.name())
                    .orElseThrow(() -> new Unresolved(child.describe() + " has no output " + member.name()));
            return Optional.of(new Located(output.value(), child));
        }
        if (located.expr() instanceof Expr.Member member && member.target() instanceof Expr.Ident symbol
                && (member.name().equals("name") || member.name().equals("id"))) {
            return file.resource(symbol.name()).flatMap(r -> r.get("name")).map(name -> new Located(name, context));
        }
        return Optional.empty();
    }

    /** The main parameter the expression resolves to, if it is one. */
    Optional<Statement.Param> mainParam(Located located) {
        Located resolved = resolve(located);
        if (resolved.context().call() == null && resolved.expr() instanceof Expr.Ident ident) {
            return resolved.context().file().param(ident.name());
        }
        return Optional.empty();
    }

    /**
     * What a name evaluates to, with main parameters as placeholders: {@code 'kv-${env}-${product}'} passed
     * through a module parameter becomes {@code kv-{env}-{product}}.
     */
    String nameTemplate(Located located) {
        Located resolved = resolve(located);
        if (resolved.expr() instanceof Expr.Str str) {
            StringBuilder template = new StringBuilder();
            for (Object part : str.parts()) {
                template.append(part instanceof Expr expr ? nameTemplate(new Located(expr, resolved.context())) : part);
            }
            return template.toString();
        }
        Optional<Statement.Param> param = mainParam(resolved);
        if (param.isPresent()) {
            return "{" + param.get().name() + "}";
        }
        Optional<String> element = loopElement(resolved);
        if (element.isPresent()) {
            return element.get();
        }
        throw new Unresolved("cannot tell what " + describe(resolved.expr()) + " in " + resolved.context().describe()
                + " evaluates to");
    }

    /**
     * A field of the element of a loop over a main array parameter, e.g. {@code vault.name} in
     * {@code [for vault in externalVaults: ...]}, as {@code {externalVaults[].name}}; empty for anything else.
     */
    Optional<String> loopElement(Located located) {
        Expr expr = located.expr();
        String field = "";
        if (expr instanceof Expr.Member member && member.target() instanceof Expr.Ident) {
            field = "." + member.name();
            expr = member.target();
        }
        if (!(expr instanceof Expr.Ident ident)) {
            return Optional.empty();
        }
        String suffix = field;
        return loopSource(located.context(), ident.name()).map(param -> "{" + param.name() + "[]" + suffix + "}");
    }

    /** The main array parameter that a loop variable of this file's module or variable loops runs over. */
    Optional<Statement.Param> loopSource(Context context, String variable) {
        List<Expr> loops = new ArrayList<>();
        context.file().all(Statement.Module.class).forEach(module -> loops.add(module.body()));
        context.file().all(Statement.Var.class).forEach(var -> loops.add(var.value()));
        return loops.stream().filter(Expr.For.class::isInstance).map(Expr.For.class::cast)
                .filter(loop -> loop.variables().get(0).equals(variable))
                .map(loop -> mainParam(new Located(loop.source(), context))).flatMap(Optional::stream).findFirst();
    }

    /** The names an expression can evaluate to, through arrays, {@code join}, {@code union} and {@code ?:}. */
    Set<String> nameTemplates(Located located) {
        Located resolved = resolve(located);
        Set<String> names = new LinkedHashSet<>();
        Context context = resolved.context();
        if (resolved.expr() instanceof Expr.Arr array) {
            array.items().forEach(item -> names.addAll(nameTemplates(new Located(item, context))));
        } else if (resolved.expr() instanceof Expr.For loop) {
            names.add(nameTemplate(new Located(loop.body(), context)));
        } else if (resolved.expr() instanceof Expr.Ternary ternary) {
            names.addAll(nameTemplates(new Located(ternary.whenTrue(), context)));
            names.addAll(nameTemplates(new Located(ternary.whenFalse(), context)));
        } else if (resolved.expr() instanceof Expr.Call call && Set.of("join", "union", "concat").contains(call.name())) {
            List<Expr> lists = call.name().equals("join") ? call.args().subList(0, 1) : call.args();
            lists.forEach(list -> names.addAll(nameTemplates(new Located(list, context))));
        } else {
            names.add(nameTemplate(resolved));
        }
        return names;
    }

    static String describe(Expr expr) {
        if (expr instanceof Expr.Ident ident) {
            return "'" + ident.name() + "'";
        }
        if (expr instanceof Expr.Member member) {
            return describe(member.target()).replace("'", "").transform(t -> "'" + t + "." + member.name() + "'");
        }
        if (expr instanceof Expr.Call call) {
            return "a call to " + call.name() + "()";
        }
        return "an expression (" + expr.getClass().getSimpleName() + ")";
    }
}
