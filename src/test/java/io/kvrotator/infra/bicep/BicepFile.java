package io.kvrotator.infra.bicep;

import java.util.List;
import java.util.Optional;

/** A parsed {@code .bicep} or {@code .bicepparam} file; {@code path} is relative to the infra folder. */
public record BicepFile(String path, List<Statement> statements) {

    public static BicepFile parse(String path, String source) {
        return new BicepFile(path, new BicepParser(path, source).parseFile());
    }

    public <T extends Statement> List<T> all(Class<T> kind) {
        return statements.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    public Optional<Statement.Param> param(String name) {
        return all(Statement.Param.class).stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public Optional<Statement.ParamValue> paramValue(String name) {
        return all(Statement.ParamValue.class).stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public Optional<Statement.Var> variable(String name) {
        return all(Statement.Var.class).stream().filter(v -> v.name().equals(name)).findFirst();
    }

    public Optional<Statement.Resource> resource(String symbol) {
        return all(Statement.Resource.class).stream().filter(r -> r.symbol().equals(symbol)).findFirst();
    }

    public Optional<Statement.Module> module(String symbol) {
        return all(Statement.Module.class).stream().filter(m -> m.symbol().equals(symbol)).findFirst();
    }

    public Optional<Statement.Output> output(String name) {
        return all(Statement.Output.class).stream().filter(o -> o.name().equals(name)).findFirst();
    }
}
