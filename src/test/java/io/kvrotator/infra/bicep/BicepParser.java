package io.kvrotator.infra.bicep;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A recursive-descent parser for the part of Bicep our templates use: declarations with decorators, objects,
 * arrays, loops, conditions, interpolated and multi-line strings, calls, member access and operators. Anything
 * else (user-defined types and functions, imports, lambdas) is a {@link BicepSyntaxException} naming the line, so
 * the structural check never passes a template it did not read.
 */
final class BicepParser {

    private static final Set<String> UNSUPPORTED = Set.of("type", "func", "import", "extension", "assert", "test");

    private final String path;
    private final List<Token> tokens;
    private int position;

    BicepParser(String path, String source) {
        this(path, new Tokenizer(path, source, 1).tokenize());
    }

    private BicepParser(String path, List<Token> tokens) {
        this.path = path;
        this.tokens = tokens;
    }

    List<Statement> parseFile() {
        List<Statement> statements = new ArrayList<>();
        skipNewlines();
        while (!at(Kind.EOF)) {
            statements.add(statement());
            if (!at(Kind.EOF)) {
                expect(Kind.NEWLINE, "end of line");
            }
            skipNewlines();
        }
        return statements;
    }

    private Statement statement() {
        List<Expr.Call> decorators = new ArrayList<>();
        while (atSymbol("@")) {
            advance();
            Expr decorator = postfix();
            if (!(decorator instanceof Expr.Call call)) {
                throw error("a decorator must be a call");
            }
            decorators.add(call);
            expect(Kind.NEWLINE, "end of line after a decorator");
            skipNewlines();
        }
        Token keyword = expect(Kind.IDENT, "a declaration");
        int line = keyword.line();
        if (UNSUPPORTED.contains(keyword.text())) {
            throw error("'" + keyword.text() + "' declarations are not supported by this reader");
        }
        return switch (keyword.text()) {
            case "param" -> param(decorators, line);
            case "var" -> new Statement.Var(identifier(), assignment(), line);
            case "resource" -> resource(line);
            case "module" -> new Statement.Module(identifier(), stringLiteral(), assignedBody(), line);
            case "output" -> new Statement.Output(identifier(), identifier(), assignment(), line);
            case "targetScope" -> new Statement.Other("targetScope", assignment(), line);
            case "metadata" -> {
                identifier();
                yield new Statement.Other("metadata", assignment(), line);
            }
            case "using" -> new Statement.Other("using", Expr.Str.of(stringLiteral()), line);
            default -> throw error("unknown declaration '" + keyword.text() + "'");
        };
    }

    private Statement param(List<Expr.Call> decorators, int line) {
        String name = identifier();
        if (atSymbol("=")) {
            return new Statement.ParamValue(name, assignment(), line);
        }
        String type = identifier();
        if (atSymbol("[")) {
            advance();
            expectSymbol("]");
            type += "[]";
        }
        Optional<Expr> defaultValue = atSymbol("=") ? Optional.of(assignment()) : Optional.empty();
        return new Statement.Param(name, type, defaultValue, List.copyOf(decorators), line);
    }

    private Statement resource(int line) {
        String symbol = identifier();
        String typeAndVersion = stringLiteral();
        int at = typeAndVersion.indexOf('@');
        if (at < 0) {
            throw error("resource type '" + typeAndVersion + "' has no @apiVersion");
        }
        boolean existing = atIdent("existing");
        if (existing) {
            advance();
        }
        return new Statement.Resource(symbol, typeAndVersion.substring(0, at), typeAndVersion.substring(at + 1),
                existing, assignedBody(), line);
    }

    private Expr assignedBody() {
        expectSymbol("=");
        if (atIdent("if")) {
            advance();
            expectSymbol("(");
            Expr condition = expression();
            expectSymbol(")");
            return new Expr.Conditional(condition, expression());
        }
        return expression();
    }

    private Expr assignment() {
        expectSymbol("=");
        return expression();
    }

    // ---- expressions, lowest precedence first

    private Expr expression() {
        Expr condition = binary(0);
        if (!atSymbol("?")) {
            return condition;
        }
        advance();
        Expr whenTrue = expression();
        expectSymbol(":");
        return new Expr.Ternary(condition, whenTrue, expression());
    }

    private static final List<Set<String>> BINARY_LEVELS = List.of(
            Set.of("??"), Set.of("||"), Set.of("&&"), Set.of("==", "!=", "=~", "!~"),
            Set.of("<", "<=", ">", ">="), Set.of("+", "-"), Set.of("*", "/", "%"));

    private Expr binary(int level) {
        if (level == BINARY_LEVELS.size()) {
            return unary();
        }
        Expr left = binary(level + 1);
        while (at(Kind.SYMBOL) && BINARY_LEVELS.get(level).contains(peek().text())) {
            String operator = advance().text();
            left = new Expr.Binary(operator, left, binary(level + 1));
        }
        return left;
    }

    private Expr unary() {
        if (atSymbol("!") || atSymbol("-")) {
            String operator = advance().text();
            return new Expr.Unary(operator, unary());
        }
        return postfix();
    }

    private Expr postfix() {
        Expr expr = primary();
        while (true) {
            if (atSymbol(".") || atSymbol(".?") || atSymbol("::")) {
                advance();
                expr = new Expr.Member(expr, identifier());
            } else if (atSymbol("[")) {
                advance();
                Expr index = expression();
                expectSymbol("]");
                expr = new Expr.Index(expr, index);
            } else if (atSymbol("(")) {
                expr = new Expr.Call(expr, arguments());
            } else {
                return expr;
            }
        }
    }

    private List<Expr> arguments() {
        expectSymbol("(");
        List<Expr> args = new ArrayList<>();
        skipNewlines();
        while (!atSymbol(")")) {
            args.add(expression());
            skipNewlines();
            if (atSymbol(",")) {
                advance();
                skipNewlines();
            } else if (!atSymbol(")")) {
                throw error("expected ',' or ')' in an argument list");
            }
        }
        advance();
        return args;
    }

    private Expr primary() {
        Token token = peek();
        switch (token.kind()) {
            case STRING -> {
                advance();
                return string(token);
            }
            case NUMBER -> {
                advance();
                return new Expr.Num(Long.parseLong(token.text()));
            }
            case IDENT -> {
                advance();
                return switch (token.text()) {
                    case "true" -> new Expr.Bool(true);
                    case "false" -> new Expr.Bool(false);
                    case "null" -> new Expr.Null();
                    default -> new Expr.Ident(token.text());
                };
            }
            case SYMBOL -> {
                switch (token.text()) {
                    case "(" -> {
                        advance();
                        skipNewlines();
                        Expr inner = expression();
                        skipNewlines();
                        expectSymbol(")");
                        if (atSymbol("=>")) {
                            throw error("lambdas are not supported by this reader");
                        }
                        return inner;
                    }
                    case "{" -> {
                        return object();
                    }
                    case "[" -> {
                        return array();
                    }
                    default -> throw error("unexpected '" + token.text() + "'");
                }
            }
            default -> throw error("unexpected " + token.describe());
        }
    }

    private Expr object() {
        expectSymbol("{");
        List<Expr.Property> properties = new ArrayList<>();
        skipSeparators();
        while (!atSymbol("}")) {
            Token key = advance();
            if (key.kind() != Kind.IDENT && key.kind() != Kind.STRING) {
                throw error("expected a property name, found " + key.describe());
            }
            String name = key.kind() == Kind.STRING ? literalOf(key) : key.text();
            expectSymbol(":");
            properties.add(new Expr.Property(name, expression()));
            requireSeparatorBefore("}");
        }
        advance();
        return new Expr.Obj(properties);
    }

    private Expr array() {
        expectSymbol("[");
        skipNewlines();
        if (atIdent("for")) {
            return loop();
        }
        List<Expr> items = new ArrayList<>();
        skipSeparators();
        while (!atSymbol("]")) {
            items.add(expression());
            requireSeparatorBefore("]");
        }
        advance();
        return new Expr.Arr(items);
    }

    private Expr loop() {
        advance();
        List<String> variables = new ArrayList<>();
        if (atSymbol("(")) {
            advance();
            variables.add(identifier());
            expectSymbol(",");
            variables.add(identifier());
            expectSymbol(")");
        } else {
            variables.add(identifier());
        }
        if (!atIdent("in")) {
            throw error("expected 'in' in a for expression");
        }
        advance();
        Expr source = expression();
        expectSymbol(":");
        Expr condition = null;
        if (atIdent("if")) {
            advance();
            expectSymbol("(");
            condition = expression();
            expectSymbol(")");
        }
        Expr body = expression();
        skipNewlines();
        expectSymbol("]");
        return new Expr.For(List.copyOf(variables), source, condition, body);
    }

    private Expr string(Token token) {
        List<Object> parts = new ArrayList<>();
        for (Object part : token.parts()) {
            if (part instanceof Interpolation interpolation) {
                BicepParser inner = new BicepParser(path,
                        new Tokenizer(path, interpolation.source(), interpolation.line()).tokenize());
                Expr expr = inner.expression();
                inner.skipNewlines();
                inner.expect(Kind.EOF, "end of the interpolation");
                parts.add(expr);
            } else {
                parts.add(part);
            }
        }
        return new Expr.Str(List.copyOf(parts));
    }

    // ---- token helpers

    private void requireSeparatorBefore(String closing) {
        if (atSymbol(closing)) {
            return;
        }
        if (!at(Kind.NEWLINE) && !atSymbol(",")) {
            throw error("expected a new line, ',' or '" + closing + "', found " + peek().describe());
        }
        skipSeparators();
    }

    private void skipSeparators() {
        while (at(Kind.NEWLINE) || atSymbol(",")) {
            advance();
        }
    }

    private void skipNewlines() {
        while (at(Kind.NEWLINE)) {
            advance();
        }
    }

    private String identifier() {
        return expect(Kind.IDENT, "a name").text();
    }

    private String stringLiteral() {
        return literalOf(expect(Kind.STRING, "a string"));
    }

    private String literalOf(Token token) {
        if (token.parts().stream().anyMatch(Interpolation.class::isInstance)) {
            throw error("expected a string without interpolation");
        }
        return String.join("", token.parts().stream().map(String.class::cast).toList());
    }

    private Token expect(Kind kind, String what) {
        if (!at(kind)) {
            throw error("expected " + what + ", found " + peek().describe());
        }
        return advance();
    }

    private void expectSymbol(String symbol) {
        if (!atSymbol(symbol)) {
            throw error("expected '" + symbol + "', found " + peek().describe());
        }
        advance();
    }

    private boolean at(Kind kind) {
        return peek().kind() == kind;
    }

    private boolean atSymbol(String symbol) {
        return at(Kind.SYMBOL) && peek().text().equals(symbol);
    }

    private boolean atIdent(String word) {
        return at(Kind.IDENT) && peek().text().equals(word);
    }

    private Token peek() {
        return tokens.get(position);
    }

    private Token advance() {
        Token token = tokens.get(position);
        if (token.kind() != Kind.EOF) {
            position++;
        }
        return token;
    }

    private BicepSyntaxException error(String message) {
        return new BicepSyntaxException(path + ":" + peek().line() + ": " + message);
    }

    // ---- tokens

    enum Kind { IDENT, NUMBER, STRING, SYMBOL, NEWLINE, EOF }

    /** For a STRING, {@code parts} holds literal text and {@link Interpolation}s. */
    record Token(Kind kind, String text, List<Object> parts, int line) {
        String describe() {
            return switch (kind) {
                case NEWLINE -> "end of line";
                case EOF -> "end of file";
                case STRING -> "a string";
                default -> "'" + text + "'";
            };
        }
    }

    /** The source inside {@code ${...}}, parsed when the string is. */
    record Interpolation(String source, int line) {
    }

    private static final class Tokenizer {
        private static final List<String> SYMBOLS = List.of(
                "=>", "==", "!=", "=~", "!~", "<=", ">=", "&&", "||", "??", ".?", "::",
                "{", "}", "[", "]", "(", ")", ",", ":", ".", "?", "!", "=", "<", ">", "+", "-", "*", "/", "%", "@");

        private final String path;
        private final String source;
        private final List<Token> tokens = new ArrayList<>();
        private int index;
        private int line;

        Tokenizer(String path, String source, int firstLine) {
            this.path = path;
            this.source = source;
            this.line = firstLine;
        }

        List<Token> tokenize() {
            while (index < source.length()) {
                char c = source.charAt(index);
                if (c == '\n') {
                    add(Kind.NEWLINE, "\n");
                    index++;
                    line++;
                } else if (c == ' ' || c == '\t' || c == '\r') {
                    index++;
                } else if (source.startsWith("//", index)) {
                    while (index < source.length() && source.charAt(index) != '\n') {
                        index++;
                    }
                } else if (source.startsWith("/*", index)) {
                    blockComment();
                } else if (source.startsWith("'''", index)) {
                    multilineString();
                } else if (c == '\'') {
                    int startLine = line;
                    tokens.add(new Token(Kind.STRING, "", string(), startLine));
                } else if (Character.isDigit(c)) {
                    int start = index;
                    while (index < source.length() && Character.isDigit(source.charAt(index))) {
                        index++;
                    }
                    add(Kind.NUMBER, source.substring(start, index));
                } else if (Character.isLetter(c) || c == '_') {
                    int start = index;
                    while (index < source.length()
                            && (Character.isLetterOrDigit(source.charAt(index)) || source.charAt(index) == '_')) {
                        index++;
                    }
                    add(Kind.IDENT, source.substring(start, index));
                } else {
                    symbol();
                }
            }
            add(Kind.EOF, "");
            return tokens;
        }

        private void add(Kind kind, String text) {
            tokens.add(new Token(kind, text, List.of(), line));
        }

        private void symbol() {
            for (String symbol : SYMBOLS) {
                if (source.startsWith(symbol, index)) {
                    add(Kind.SYMBOL, symbol);
                    index += symbol.length();
                    return;
                }
            }
            throw new BicepSyntaxException(path + ":" + line + ": unexpected character '" + source.charAt(index) + "'");
        }

        private void blockComment() {
            int end = source.indexOf("*/", index + 2);
            if (end < 0) {
                throw new BicepSyntaxException(path + ":" + line + ": unterminated comment");
            }
            line += (int) source.substring(index, end).chars().filter(ch -> ch == '\n').count();
            index = end + 2;
        }

        private void multilineString() {
            int end = source.indexOf("'''", index + 3);
            if (end < 0) {
                throw new BicepSyntaxException(path + ":" + line + ": unterminated multi-line string");
            }
            String text = source.substring(index + 3, end);
            tokens.add(new Token(Kind.STRING, "", List.of(text), line));
            line += (int) text.chars().filter(ch -> ch == '\n').count();
            index = end + 3;
        }

        /** Reads a single-quoted string from {@code index}, splitting out its {@code ${...}} interpolations. */
        private List<Object> string() {
            List<Object> parts = new ArrayList<>();
            StringBuilder literal = new StringBuilder();
            index++;
            while (true) {
                if (index >= source.length() || source.charAt(index) == '\n') {
                    throw new BicepSyntaxException(path + ":" + line + ": unterminated string");
                }
                char c = source.charAt(index);
                if (c == '\'') {
                    index++;
                    break;
                }
                if (c == '\\') {
                    literal.append(escape());
                } else if (source.startsWith("${", index)) {
                    if (!literal.isEmpty()) {
                        parts.add(literal.toString());
                        literal.setLength(0);
                    }
                    int start = index + 2;
                    index = endOfInterpolation(start);
                    parts.add(new Interpolation(source.substring(start, index), line));
                    index++;
                } else {
                    literal.append(c);
                    index++;
                }
            }
            if (!literal.isEmpty() || parts.isEmpty()) {
                parts.add(literal.toString());
            }
            return parts;
        }

        private String escape() {
            if (index + 1 >= source.length()) {
                throw new BicepSyntaxException(path + ":" + line + ": unterminated escape");
            }
            char next = source.charAt(index + 1);
            index += 2;
            return switch (next) {
                case 'n' -> "\n";
                case 'r' -> "\r";
                case 't' -> "\t";
                case '\\', '\'', '$' -> String.valueOf(next);
                case 'u' -> unicodeEscape();
                default -> throw new BicepSyntaxException(path + ":" + line + ": unknown escape '\\" + next + "'");
            };
        }

        private String unicodeEscape() {
            int close = source.indexOf('}', index);
            if (!source.startsWith("{", index) || close < 0) {
                throw new BicepSyntaxException(path + ":" + line + ": malformed \\u{...} escape");
            }
            String hex = source.substring(index + 1, close);
            index = close + 1;
            return new String(Character.toChars(Integer.parseInt(hex, 16)));
        }

        /** The index of the '}' that closes an interpolation starting at {@code start}, skipping nested strings. */
        private int endOfInterpolation(int start) {
            int depth = 0;
            int i = start;
            while (i < source.length()) {
                char c = source.charAt(i);
                if (c == '\'') {
                    int saved = index;
                    index = i;
                    string();
                    i = index;
                    index = saved;
                    continue;
                }
                if (c == '{') {
                    depth++;
                } else if (c == '}') {
                    if (depth == 0) {
                        return i;
                    }
                    depth--;
                }
                i++;
            }
            throw new BicepSyntaxException(path + ":" + line + ": unterminated interpolation");
        }
    }
}
