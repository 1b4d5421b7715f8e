package io.kvrotator.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A Markdown table with a heading and notes, padded so that it also reads well as plain text. */
final class Table {

    private final String heading;
    private final List<String> columns;
    private final List<List<String>> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    Table(String heading, String... columns) {
        this.heading = heading;
        this.columns = List.of(columns);
    }

    Table row(Object... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException("a row of " + heading + " needs " + columns.size() + " cells");
        }
        rows.add(Arrays.stream(cells).map(String::valueOf).toList());
        return this;
    }

    Table note(String note) {
        notes.add(note);
        return this;
    }

    String render() {
        int[] widths = new int[columns.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = Math.max(3, columns.get(i).length());
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder text = new StringBuilder("### ").append(heading).append("\n\n");
        line(text, columns, widths);
        StringBuilder rule = new StringBuilder("|");
        for (int i = 0; i < widths.length; i++) {
            // Every column but the first holds figures: right-aligned.
            rule.append(i == 0 ? "-".repeat(widths[i] + 2) : "-".repeat(widths[i] + 1) + ":").append('|');
        }
        text.append(rule).append('\n');
        rows.forEach(row -> line(text, row, widths));
        if (!notes.isEmpty()) {
            text.append('\n');
            notes.forEach(note -> text.append(note).append('\n'));
        }
        return text.toString();
    }

    private static void line(StringBuilder text, List<String> cells, int[] widths) {
        text.append('|');
        for (int i = 0; i < widths.length; i++) {
            String cell = cells.get(i);
            String padding = " ".repeat(widths[i] - cell.length());
            text.append(' ').append(i == 0 ? cell + padding : padding + cell).append(" |");
        }
        text.append('\n');
    }
}
